"""Flask routes served beside the Dash pages: static map data and the public API."""

from flask import Flask

from routes.accounts import blueprint as partner_files_blueprint
from routes.api import blueprint as api_blueprint
from routes.evidence import blueprint as evidence_blueprint
from routes.geo import blueprint as geo_blueprint
from routes.health import blueprint as health_blueprint


def register_routes(server: Flask) -> None:
    """Attach every blueprint to the app's Flask server."""
    server.register_blueprint(geo_blueprint)
    server.register_blueprint(evidence_blueprint)
    server.register_blueprint(api_blueprint)
    server.register_blueprint(partner_files_blueprint)
    server.register_blueprint(health_blueprint)
