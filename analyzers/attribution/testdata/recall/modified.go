/*
 * Copyright 2017 Upstream Skiplists Inc. and Contributors // want `TOS202: copyright of "Upstream Skiplists Inc. and Contributors"`
 * Modifications copyright (C) 2019 Acme Widgets Ltd. // want `TOS202: copyright of "Acme Widgets Ltd."`
 */

package recall
