package spdx

/* Use of this source code is governed by a BSD-style license that can be found in the LICENSE file. */ // want `TOS203: BSD-3-Clause is not`
func ShortForm()                                                                                        {}
