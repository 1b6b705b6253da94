// Copyright (c) 2021 Example Inc.

package m

// Alias is own code under the configured alias.
func Alias() {}
