// Copyright 2019 Widget Project Authors // want `TOS202: copyright of "Widget Project Authors"`

//toslint:ignore TOS206 -- the upstream NOTICE is in the release archive
// Licensed to the Widget Foundation under one or more contributor license
// agreements. See the NOTICE file distributed with this work for
// additional information regarding copyright ownership.
// Licensed under the Apache License, Version 2.0.

package recall
