import { graphql } from '../../gql';

/**
 * The task module's operations. Each page's query spreads the fragments of the components it
 * renders (colocated with them); mutations return the changed task, which also invalidates
 * every cached query that holds a Task (urql's document cache), so lists follow.
 */

/** Who is looking: their unit decides the Lead / Coordinating tabs; their id, the approvals. */
export const TasksViewerQuery = graphql(`
  query TasksViewer {
    viewer {
      id
      fullName
      unit {
        id
        name
        shortName
      }
    }
  }
`);

export const TaskListQuery = graphql(`
  query TaskList($first: Int!, $after: String, $filter: TaskFilter) {
    tasks(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        ...TaskTable_task
      }
    }
  }
`);

/** All pages of the current filter, for CSV / XLSX: plain fields, no fragments. */
export const TaskExportQuery = graphql(`
  query TaskExport($first: Int!, $after: String, $filter: TaskFilter) {
    tasks(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        code
        title
        dueDate
        status
        progress
        isOverdue
        leadUnit {
          id
          name
        }
        coordinatingUnits {
          id
          name
        }
      }
    }
  }
`);

export const TaskDetailQuery = graphql(`
  query TaskDetail($id: ID!) {
    task(id: $id) {
      id
      code
      title
      description
      dueDate
      status
      progress
      priority
      isOverdue
      viewerCanReport
      viewerIsAssigner
      ...TaskSummary_task
      ...TaskHistory_task
      ...TaskReports_task
      ...TaskComments_task
      ...TaskExtensions_task
    }
  }
`);

/** Tasks the viewer assigned, with their extension requests (the approvals page). */
export const AssignedTasksQuery = graphql(`
  query AssignedTasks($assignedById: ID!, $after: String) {
    tasks(first: 100, after: $after, filter: { assignedById: $assignedById }) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        ...PendingExtensions_task
      }
    }
  }
`);

export const TaskStatisticsQuery = graphql(`
  query TaskStatistics($from: Date, $to: Date) {
    taskStatistics(from: $from, to: $to) {
      unit {
        id
        code
        name
        shortName
      }
      assigned
      completedOnTime
      completedLate
      inProgress
      overdue
      onTimeRate
    }
  }
`);

/** The dashboard's two short lists: overdue now, and open tasks due by the end of the week. */
export const DashboardListsQuery = graphql(`
  query TaskDashboardLists($withinDays: Int!) {
    overdue: tasks(first: 10, filter: { overdue: true, sort: DUE_DATE_ASC }) {
      totalCount
      nodes {
        id
        ...TaskDueList_task
      }
    }
    dueThisWeek: tasks(first: 20, filter: { dueWithinDays: $withinDays, sort: DUE_DATE_ASC }) {
      totalCount
      nodes {
        id
        ...TaskDueList_task
      }
    }
  }
`);

/** What a task mutation returns: enough to show the change; the refetch brings the rest. */
export const ChangedTaskFragment = graphql(`
  fragment ChangedTask_task on Task {
    id
    version
    status
    progress
    dueDate
    title
    description
    priority
    updatedAt
  }
`);

export const ReportProgressMutation = graphql(`
  mutation ReportProgress($input: ReportProgressInput!) {
    reportProgress(input: $input) {
      task {
        ...ChangedTask_task
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

export const CommentOnTaskMutation = graphql(`
  mutation CommentOnTask($input: CommentOnTaskInput!) {
    commentOnTask(input: $input) {
      task {
        ...ChangedTask_task
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

export const RequestExtensionMutation = graphql(`
  mutation RequestExtension($input: RequestExtensionInput!) {
    requestExtension(input: $input) {
      task {
        ...ChangedTask_task
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

export const DecideExtensionMutation = graphql(`
  mutation DecideExtension($input: DecideExtensionInput!) {
    decideExtension(input: $input) {
      task {
        ...ChangedTask_task
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

export const UpdateTaskMutation = graphql(`
  mutation UpdateTask($input: UpdateTaskInput!) {
    updateTask(input: $input) {
      task {
        ...ChangedTask_task
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

export const CancelTaskMutation = graphql(`
  mutation CancelTask($input: CancelTaskInput!) {
    cancelTask(input: $input) {
      task {
        ...ChangedTask_task
      }
      errors {
        code
        message
        field
      }
    }
  }
`);
