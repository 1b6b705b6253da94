// SPDX-License-Identifier: MIT

// The annotation adds Apache-2.0 to the file's own MIT (aggregate).
package reused // want `TOS203: Apache-2.0 is not the module.s license`
