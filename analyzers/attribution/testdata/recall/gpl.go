// SPDX-FileCopyrightText: 2024 The Recall Authors
// SPDX-License-Identifier: GPL-2.0-or-later // want `TOS203: GPL-2.0-or-later is not the module.s license \(MIT\) and the module carries no text of GPL-2.0-or-later`

package recall
