# OpenKF's docker-bake.hcl (at the root of its repository): its three images, each with its
# own Dockerfile under deploy/docker/. examples/openkf-multi.yml builds and publishes all three
# in one step; locally, `docker buildx bake` builds the same definitions.
group "default" {
  targets = ["server", "web", "bot"]
}

target "server" {
  context    = "server"
  dockerfile = "../deploy/docker/Dockerfile.server"
}

target "web" {
  context    = "web"
  dockerfile = "../deploy/docker/Dockerfile.web"
}

target "bot" {
  context    = "bot"
  dockerfile = "../deploy/docker/Dockerfile.bot"
}
