<?php
// Answers with what Paasmaker gave it: its port, metadata and services, from the PM_* variables.
header('Content-Type: application/json');
echo json_encode([
    'message' => 'Hello from hello-php',
    'php' => PHP_VERSION,
    'sapi' => PHP_SAPI,
    'port' => getenv('PM_PORT'),
    'metadata' => json_decode(getenv('PM_METADATA') ?: '{}'),
    'services' => json_decode(getenv('PM_SERVICES') ?: '{}'),
], JSON_PRETTY_PRINT), "\n";
