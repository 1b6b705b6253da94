// Copyright 2019 Other Maker GmbH
// SPDX-License-Identifier: MPL-2.0

package spdxrange
