# Answers with what Paasmaker gave it: its port, metadata and services, from the PM_* variables.
require "sinatra"
require "json"

get "/" do
  content_type :json
  JSON.pretty_generate(
    message: "Hello from hello-sinatra",
    ruby: RUBY_VERSION,
    port: ENV["PM_PORT"],
    metadata: JSON.parse(ENV.fetch("PM_METADATA", "{}")),
    services: JSON.parse(ENV.fetch("PM_SERVICES", "{}"))
  )
end
