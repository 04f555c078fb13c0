# Stand-in package for the post.py fixtures: only what their imports need.
