/* Copyright 2018 The Example Authors */ // want `TOS202: copyright of "The Example Authors"`

/* Licensed under the Apache License, Version 2.0 (the "License"); */ // want `TOS203: Apache-2.0 is not the module's license \(MIT\)` `TOS203: foreign Apache-2.0 code needs a NOTICE file`

package nonotice
