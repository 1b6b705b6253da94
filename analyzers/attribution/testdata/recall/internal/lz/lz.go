// Copyright 2012 The Lz Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Package lz is a copied unit whose own license serves as its notice.
package lz
