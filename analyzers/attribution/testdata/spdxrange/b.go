// This file is licensed under the Apache License, Version 2.0.	
// Its author asked for the license's name to stay with it.

package spdxrange
