// Copyright 2019 Widget Project Authors // want `TOS202: copyright of "Widget Project Authors" .* carries no text of Apache-2.0`

// Licensed to the Widget Foundation under one or more contributor license // want `TOS206: this Apache-2.0 code comes from a work that ships a NOTICE file`
// agreements. See the NOTICE file distributed with this work for
// additional information regarding copyright ownership.
// Licensed under the Apache License, Version 2.0.

package recall
