import { useSyncExternalStore } from 'react';
import { tokens } from '../services';
import type { SessionState } from './tokens';

const subscribe = (listener: () => void) => tokens.subscribe(listener);
const getState = () => tokens.state;

export function useSessionState(): SessionState {
  return useSyncExternalStore(subscribe, getState, getState);
}
