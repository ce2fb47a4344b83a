"""Flask routes served beside the Dash pages: static map data now, the public API later."""

from flask import Flask

from routes.geo import blueprint as geo_blueprint


def register_routes(server: Flask) -> None:
    """Attach every blueprint to the app's Flask server."""
    server.register_blueprint(geo_blueprint)
