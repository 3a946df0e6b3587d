#!/usr/bin/env node
'use strict';
// Speaks LSP over stdio (--stdio), node IPC (--node-ipc) or a socket (--socket=PORT).
require('../dist/server.js');
