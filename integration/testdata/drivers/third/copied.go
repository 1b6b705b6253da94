// Copyright (c) 2017 Someone Else Entirely

// Package third holds code copied from another project.
package third

// Nothing does nothing.
func Nothing() {}
