"""A meeting's agenda: items, positions before the session, speakers, documents."""
