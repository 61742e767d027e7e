/// GET /openapi.json: the OpenAPI 3.1 document of this API, written by hand beside the routes.
/// The tests validate every response they receive against it; schemathesis fuzzes it in CI.
enum OpenAPIDocument {
    static let json = #"""
{
  "openapi": "3.1.0",
  "info": {
    "title": "verdict-server",
    "version": "1.0.0",
    "description": "The bureau's Verdict service: dossiers checked against the rules and kept, deadlines as JSON and iCalendar, access by role (SERVICE.md)."
  },
  "servers": [{"url": "/"}],
  "security": [{"bearer": []}, {"session": []}],
  "paths": {
    "/healthz": {
      "get": {
        "summary": "Liveness", "operationId": "healthz", "security": [],
        "responses": {"200": {"description": "alive", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Health"}}}}}
      }
    },
    "/metrics": {
      "get": {
        "summary": "Prometheus metrics (no login from loopback; a bureau user from elsewhere)", "operationId": "metrics", "security": [],
        "responses": {
          "200": {"description": "Prometheus text format", "content": {"text/plain": {"schema": {"type": "string"}}}},
          "401": {"$ref": "#/components/responses/Error"},
          "403": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/openapi.json": {
      "get": {
        "summary": "This document", "operationId": "openapi", "security": [],
        "responses": {"200": {"description": "OpenAPI 3.1", "content": {"application/json": {"schema": {"type": "object"}}}}}
      }
    },
    "/api/v1/login": {
      "post": {
        "summary": "Log in: a bearer token and an HttpOnly SameSite=Strict session cookie", "operationId": "login", "security": [],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/LoginRequest"}}}},
        "responses": {
          "200": {"description": "logged in", "headers": {"Set-Cookie": {"schema": {"type": "string"}}},
                  "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Login"}}}},
          "400": {"$ref": "#/components/responses/Error"},
          "401": {"$ref": "#/components/responses/Error"},
          "413": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/api/v1/logout": {
      "post": {
        "summary": "End the session or token", "operationId": "logout",
        "responses": {"204": {"description": "logged out"}, "401": {"$ref": "#/components/responses/Error"}}
      }
    },
    "/api/v1/check": {
      "post": {
        "summary": "Judge the posted dossier without storing it", "operationId": "check",
        "parameters": [{"$ref": "#/components/parameters/AsOf"}, {"$ref": "#/components/parameters/Param"}, {"$ref": "#/components/parameters/Name"}],
        "requestBody": {"$ref": "#/components/requestBodies/Dossier"},
        "responses": {
          "200": {"description": "the JSON report of REPORT.md for this dossier", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Report"}}}},
          "400": {"$ref": "#/components/responses/Error"},
          "401": {"$ref": "#/components/responses/Error"},
          "403": {"$ref": "#/components/responses/Error"},
          "413": {"$ref": "#/components/responses/Error"},
          "415": {"$ref": "#/components/responses/Error"},
          "422": {"description": "the dossier cannot be read: the report with its errors", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Report"}}}},
          "503": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/api/v1/dossiers": {
      "post": {
        "summary": "Check and store the posted dossier", "operationId": "storeDossier",
        "parameters": [{"$ref": "#/components/parameters/AsOf"}, {"$ref": "#/components/parameters/Param"}, {"$ref": "#/components/parameters/Name"}],
        "requestBody": {"$ref": "#/components/requestBodies/Dossier"},
        "responses": {
          "201": {"description": "stored", "headers": {"Location": {"schema": {"type": "string"}}},
                  "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Stored"}}},
                  "links": {
                    "report": {"operationId": "dossierReport", "parameters": {"id": "$response.body#/id"}},
                    "original": {"operationId": "dossierXML", "parameters": {"id": "$response.body#/id"}}
                  }},
          "400": {"$ref": "#/components/responses/Error"},
          "401": {"$ref": "#/components/responses/Error"},
          "403": {"$ref": "#/components/responses/Error"},
          "413": {"$ref": "#/components/responses/Error"},
          "415": {"$ref": "#/components/responses/Error"},
          "422": {"description": "the dossier cannot be read; nothing stored", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Report"}}}},
          "503": {"$ref": "#/components/responses/Error"}
        }
      },
      "get": {
        "summary": "The stored dossiers the caller may see, newest first", "operationId": "listDossiers",
        "parameters": [{"name": "owner", "in": "query", "required": false, "schema": {"type": "string"}}],
        "responses": {
          "200": {"description": "the list", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/DossierList"}}}},
          "400": {"$ref": "#/components/responses/Error"},
          "401": {"$ref": "#/components/responses/Error"},
          "403": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/api/v1/dossiers/{id}": {
      "get": {
        "summary": "One stored dossier's report", "operationId": "dossierReport",
        "parameters": [{"$ref": "#/components/parameters/Id"}],
        "responses": {
          "200": {"description": "the report", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Report"}}}},
          "401": {"$ref": "#/components/responses/Error"},
          "404": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/api/v1/dossiers/{id}/xml": {
      "get": {
        "summary": "The stored original, byte for byte", "operationId": "dossierXML",
        "parameters": [{"$ref": "#/components/parameters/Id"}],
        "responses": {
          "200": {"description": "the bytes as posted", "content": {"application/xml": {"schema": {"type": "string", "format": "binary"}}}},
          "401": {"$ref": "#/components/responses/Error"},
          "404": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/api/v1/dossiers/{id}/explain/{rule}": {
      "get": {
        "summary": "How a rule's finding was derived, as `verdict explain --format json`", "operationId": "explain",
        "parameters": [{"$ref": "#/components/parameters/Id"},
                       {"name": "rule", "in": "path", "required": true, "schema": {"type": "string"}},
                       {"name": "subject", "in": "query", "required": false, "schema": {"type": "string"}}],
        "responses": {
          "200": {"description": "the explanation", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Explanation"}}}},
          "400": {"$ref": "#/components/responses/Error"},
          "401": {"$ref": "#/components/responses/Error"},
          "404": {"$ref": "#/components/responses/Error"},
          "422": {"$ref": "#/components/responses/Error"},
          "503": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/api/v1/deadlines": {
      "get": {
        "summary": "Next steps due within DAYS from today (Asia/Shanghai), soonest first", "operationId": "deadlines",
        "parameters": [{"$ref": "#/components/parameters/Within"}, {"$ref": "#/components/parameters/From"}],
        "responses": {
          "200": {"description": "the deadlines", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Deadlines"}}}},
          "400": {"$ref": "#/components/responses/Error"},
          "401": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/api/v1/deadlines.ics": {
      "get": {
        "summary": "The same deadlines as an iCalendar feed (RFC 5545), one all-day VEVENT per step", "operationId": "deadlinesCalendar",
        "parameters": [{"$ref": "#/components/parameters/Within"}, {"$ref": "#/components/parameters/From"}],
        "responses": {
          "200": {"description": "iCalendar", "content": {"text/calendar": {"schema": {"type": "string"}}}},
          "400": {"$ref": "#/components/responses/Error"},
          "401": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/api/v1/admin/reload": {
      "post": {
        "summary": "Reload the rules (bureau only); a failed reload keeps the old rules", "operationId": "reload",
        "responses": {
          "200": {"description": "reloaded", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Reloaded"}}}},
          "401": {"$ref": "#/components/responses/Error"},
          "403": {"$ref": "#/components/responses/Error"},
          "422": {"description": "the new rules do not load; the old rules stay in force",
                  "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ReloadFailed"}}}}
        }
      }
    },
    "/api/v1/users": {
      "get": {
        "summary": "The users and their roles (bureau only)", "operationId": "listUsers",
        "responses": {
          "200": {"description": "users", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Users"}}}},
          "401": {"$ref": "#/components/responses/Error"},
          "403": {"$ref": "#/components/responses/Error"}
        }
      },
      "post": {
        "summary": "Add a user (bureau only)", "operationId": "addUser",
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NewUser"}}}},
        "responses": {
          "201": {"description": "added", "content": {"application/json": {"schema": {"type": "object", "required": ["name", "role"],
                  "properties": {"name": {"type": "string"}, "role": {"type": "string"}}}}}},
          "400": {"$ref": "#/components/responses/Error"},
          "401": {"$ref": "#/components/responses/Error"},
          "403": {"$ref": "#/components/responses/Error"},
          "409": {"$ref": "#/components/responses/Error"},
          "413": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/api/v1/users/{name}": {
      "delete": {
        "summary": "Remove a user and end their sessions (bureau only)", "operationId": "removeUser",
        "parameters": [{"name": "name", "in": "path", "required": true, "schema": {"type": "string"}}],
        "responses": {
          "204": {"description": "removed"},
          "401": {"$ref": "#/components/responses/Error"},
          "403": {"$ref": "#/components/responses/Error"},
          "404": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/api/v1/audit": {
      "get": {
        "summary": "The audit log, newest first (bureau only)", "operationId": "audit",
        "parameters": [{"name": "limit", "in": "query", "required": false, "schema": {"type": "integer", "minimum": 1, "maximum": 10000}}],
        "responses": {
          "200": {"description": "entries", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Audit"}}}},
          "400": {"$ref": "#/components/responses/Error"},
          "401": {"$ref": "#/components/responses/Error"},
          "403": {"$ref": "#/components/responses/Error"}
        }
      }
    }
  },
  "components": {
    "securitySchemes": {
      "bearer": {"type": "http", "scheme": "bearer"},
      "session": {"type": "apiKey", "in": "cookie", "name": "verdict_session"}
    },
    "parameters": {
      "Id": {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}},
      "AsOf": {"name": "as-of", "in": "query", "required": false, "description": "judge as of this date (wins over the dossier's own as-of)", "schema": {"type": "string", "format": "date"}},
      "Param": {"name": "param", "in": "query", "required": false, "description": "NAME=VALUE, repeatable, as the CLI's --param", "schema": {"type": "array", "items": {"type": "string", "pattern": "^[^=]+=.*$"}}, "style": "form", "explode": true},
      "Name": {"name": "name", "in": "query", "required": false, "description": "the file name the report gives the dossier (default -)", "schema": {"type": "string"}},
      "Within": {"name": "within", "in": "query", "required": false, "description": "days from `from` (default 30)", "schema": {"type": "integer", "minimum": 0, "maximum": 3660}},
      "From": {"name": "from", "in": "query", "required": false, "description": "first day (default: today in Asia/Shanghai)", "schema": {"type": "string", "format": "date"}}
    },
    "requestBodies": {
      "Dossier": {"required": true, "description": "the dossier's bytes, any encoding the CLI accepts",
                  "content": {"application/xml": {"schema": {"type": "string", "format": "binary"}}}}
    },
    "responses": {
      "Error": {"description": "an error a person can act on", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    },
    "schemas": {
      "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}},
      "Health": {"type": "object", "required": ["status"], "properties": {"status": {"const": "ok"}}},
      "LoginRequest": {"type": "object", "required": ["user", "password"], "properties": {"user": {"type": "string"}, "password": {"type": "string"}}},
      "Login": {"type": "object", "required": ["token", "expires"],
                "properties": {"token": {"type": "string"}, "expires": {"type": "string", "format": "date-time"}, "user": {"type": "string"}, "role": {"type": "string"}}},
      "Stored": {"type": "object", "required": ["id", "report"], "properties": {"id": {"type": "string"}, "report": {"$ref": "#/components/schemas/Report"}}},
      "Report": {
        "type": "object", "required": ["dossiers", "errors", "summary"],
        "properties": {
          "dossiers": {"type": "array", "maxItems": 1, "items": {"$ref": "#/components/schemas/DossierReport"}},
          "errors": {"type": "array", "items": {"$ref": "#/components/schemas/ReportError"}},
          "summary": {"$ref": "#/components/schemas/Summary"},
          "rules": {"type": "object", "required": ["directory", "version"], "properties": {"directory": {"type": "string"}, "version": {"type": "string"}}}
        }
      },
      "DossierReport": {
        "type": "object", "required": ["file", "id", "kind", "asOf", "status", "findings", "steps"],
        "properties": {
          "file": {"type": "string"}, "id": {"type": "string"}, "kind": {"type": "string"},
          "asOf": {"type": "string", "format": "date"}, "asOfSource": {"type": "string"},
          "status": {"enum": ["compliant", "noncompliant", "incomplete"]},
          "findings": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}},
          "steps": {"type": "array", "items": {"type": "object", "required": ["action", "due", "rule"],
                    "properties": {"action": {"type": "string"}, "due": {"type": ["string", "null"]}, "rule": {"type": "string"}}}},
          "warnings": {"type": "array", "items": {"type": "object", "required": ["message"],
                       "properties": {"line": {"type": ["integer", "null"]}, "message": {"type": "string"}}}}
        }
      },
      "Finding": {
        "type": "object", "required": ["rule", "subject", "outcome", "level", "title", "cite", "message", "value", "facts", "params", "steps"],
        "properties": {
          "rule": {"type": "string"}, "subject": {"type": ["string", "null"]},
          "outcome": {"enum": ["pass", "fail", "unknown", "pending", "n/a"]},
          "level": {"type": "string"}, "title": {"type": "string"},
          "cite": {"type": "array", "items": {"type": "string"}},
          "message": {"type": ["string", "null"]}, "value": {"type": ["string", "null"]},
          "facts": {"type": "object", "additionalProperties": {"type": ["string", "null"]}},
          "params": {"type": "object", "additionalProperties": {"type": "object", "required": ["value", "source", "placeholder"],
                     "properties": {"value": {"type": ["string", "null"]}, "source": {"type": ["string", "null"]}, "placeholder": {"type": "boolean"}}}},
          "steps": {"type": "array", "items": {"type": "object", "required": ["action", "due", "cite"],
                    "properties": {"action": {"type": "string"}, "due": {"type": ["string", "null"]}, "cite": {"type": "array", "items": {"type": "string"}}}}}
        }
      },
      "ReportError": {"type": "object", "required": ["file", "line", "column", "message"],
                      "properties": {"file": {"type": "string"}, "line": {"type": ["integer", "null"]}, "column": {"type": ["integer", "null"]}, "message": {"type": "string"}}},
      "Summary": {"type": "object", "required": ["dossiers", "compliant", "noncompliant", "incomplete", "errors"],
                  "properties": {"dossiers": {"type": "integer"}, "compliant": {"type": "integer"}, "noncompliant": {"type": "integer"},
                                 "incomplete": {"type": "integer"}, "errors": {"type": "integer"}},
                  "additionalProperties": {"type": ["integer", "object"]}},
      "DossierList": {"type": "object", "required": ["dossiers"],
                      "properties": {"dossiers": {"type": "array", "items": {"type": "object", "required": ["id", "owner", "kind", "storedAt", "status"],
                        "properties": {"id": {"type": "string"}, "owner": {"type": "string"}, "kind": {"type": "string"},
                                       "storedAt": {"type": "string", "format": "date-time"}, "storedBy": {"type": "string"},
                                       "status": {"enum": ["compliant", "noncompliant", "incomplete"]}}}}}},
      "Deadlines": {"type": "object", "required": ["deadlines"],
                    "properties": {"from": {"type": "string", "format": "date"}, "within": {"type": "integer"},
                                   "deadlines": {"type": "array", "items": {"type": "object", "required": ["owner", "dossier", "rule", "action", "due"],
                                     "properties": {"owner": {"type": "string"}, "kind": {"type": "string"}, "dossier": {"type": "string"},
                                                    "rule": {"type": "string"}, "action": {"type": "string"}, "due": {"type": "string", "format": "date"}}}}}},
      "Explanation": {"type": "object", "required": ["findings"],
                      "properties": {"dossier": {"type": "string"}, "asOf": {"type": "string"}, "rule": {"type": "string"},
                                     "applies": {"type": "boolean"}, "findings": {"type": "array", "items": {"type": "object"}}}},
      "Reloaded": {"type": "object", "required": ["status", "rules"],
                   "properties": {"status": {"const": "reloaded"}, "rules": {"type": "object", "required": ["version"], "properties": {"version": {"type": "string"}}}}},
      "ReloadFailed": {"type": "object", "required": ["error", "diagnostics"],
                       "properties": {"error": {"type": "string"}, "diagnostics": {"type": "array", "items": {"type": "string"}},
                                      "rules": {"type": "object", "properties": {"version": {"type": "string"}}}}},
      "Users": {"type": "object", "required": ["users"],
                "properties": {"users": {"type": "array", "items": {"type": "object", "required": ["name", "role"],
                  "properties": {"name": {"type": "string"}, "role": {"type": "string"}, "createdAt": {"type": "string", "format": "date-time"}}}}}},
      "NewUser": {"type": "object", "required": ["user", "role", "password"],
                  "properties": {"user": {"type": "string", "minLength": 1, "maxLength": 100, "pattern": "^\\S+$"},
                                 "role": {"type": "string", "pattern": "^(bureau|committee:\\S+|firm:\\S+)$"},
                                 "password": {"type": "string", "minLength": 8}}},
      "Audit": {"type": "object", "required": ["entries"],
                "properties": {"entries": {"type": "array", "items": {"type": "object", "required": ["at", "user", "action", "target", "outcome"],
                  "properties": {"at": {"type": "string", "format": "date-time"}, "user": {"type": "string"}, "action": {"type": "string"},
                                 "target": {"type": "string"}, "outcome": {"type": "string"}}}}}}
    }
  }
}
"""#
}
