// Copyright 2019 Example Widgets Ltd. All rights reserved. // want `^TOS202: `

package attributed

// Parse is our own code.
func Parse() {}
