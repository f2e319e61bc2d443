# No inputs: the feature is one switch per account; each role's policy limits audiences and durations.
