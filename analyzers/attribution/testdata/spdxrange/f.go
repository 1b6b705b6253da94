// Copyright 2017 The Far Foundation
// See the NOTICE file distributed with this work for more.
// SPDX-License-Identifier: Apache-2.0

package spdxrange
