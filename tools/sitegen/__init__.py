"""Build-time generation for the site: render docs/ per profile, add the runtime, build."""
