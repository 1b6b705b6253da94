// Copyright 2021 Listed Holder
// SPDX-License-Identifier: MIT

package prov

// The file's header credits the holder and license of the code below.
//
// Adapted from https://git.example.test/listed/ring
func Ring() {}
