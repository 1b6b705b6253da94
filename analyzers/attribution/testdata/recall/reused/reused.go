// Copyright 2021 Sam Poe

// Package reused is annotated in REUSE.toml.
package reused
