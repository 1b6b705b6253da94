// Copyright (c) 2019 Acme Widgets Ltd. // want `^TOS202: copyright of "Acme Widgets Ltd."`

package attributed

// Parse is our own code.
func Parse() {}
