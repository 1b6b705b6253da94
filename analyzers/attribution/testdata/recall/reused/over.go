// SPDX-License-Identifier: MIT

package reused // want `TOS203: CC-BY-SA-4.0 is not the module.s license`
