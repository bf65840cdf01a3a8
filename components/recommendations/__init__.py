"""The recommendations planner: filters, recommendation cards and the action plan with its documents."""
