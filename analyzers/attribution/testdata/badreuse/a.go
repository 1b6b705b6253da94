package badreuse // want `TOS001: REUSE.toml was not checked for attribution: REUSE.toml: toml: line 3`
