"""Marshmallow schemas: what the API accepts and answers, and the OpenAPI document generated from them."""
