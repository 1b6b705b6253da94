// Copyright 2024 The Recall Authors

// Package recall is a fixture for files the go command does not load.
package recall

// This package keeps copyright notices, build tags and package docs intact.
func Own() {}
