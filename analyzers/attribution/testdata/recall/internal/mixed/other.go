// Copyright 2014 Other Person // want `TOS202: copyright of "Other Person" .* carries no text of Apache-2.0`
// SPDX-License-Identifier: Apache-2.0

package mixed
