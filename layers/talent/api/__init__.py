"""The HR REST API (behind API Gateway and its JWT authorizer)."""
