// Answers every request with the metadata and services Paasmaker handed it, on PM_PORT.
const http = require('http');

const port = Number(process.env.PM_PORT || 8000);
http.createServer((request, response) => {
  const body = JSON.stringify({
    application: 'hello-node',
    node: process.version,
    port,
    metadata: JSON.parse(process.env.PM_METADATA || '{}'),
    services: JSON.parse(process.env.PM_SERVICES || '{}'),
  }, null, 2);
  response.writeHead(200, { 'Content-Type': 'application/json' });
  response.end(body);
}).listen(port);
