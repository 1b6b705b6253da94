// Package spdx holds files under other licenses.
package spdx

// SPDX-License-Identifier: MIT OR Apache-2.0
func Dual() {}

/* SPDX-License-Identifier: BSD-3-Clause */ // want `TOS203: BSD-3-Clause is not the module.s license \(MIT\) and the module carries no text of BSD-3-Clause`
func BSD()                                  {}

/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */ // want `TOS203: Apache-2.0 WITH LLVM-exception is not the module's license`
func LLVM()                                                   {}

// Prose that mentions CC BY 4.0 or the MIT License is not a notice.
func Prose() {}
