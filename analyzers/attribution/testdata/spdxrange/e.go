// SPDX-License-Identifier: MPL-2.0 AND Apache-2.0

package spdxrange
