/// The OpenAPI 3.1 description of the API, served at `/openapi.json` (docs/api.md explains it;
/// a test checks every route of `Routes` appears in it).
enum OpenAPI {
    static let document = #"""
        {
          "openapi": "3.1.0",
          "info": {
            "title": "Stalemate",
            "version": "1",
            "description": "The HTTP API of `stalemate serve` (docs/api.md): bundled scenarios, validation, jobs of the job layer (schema stalemate.job/1, docs/jobs.md) with progress as Server-Sent Events and results in the JSON of the command line, and the results store."
          },
          "servers": [
            {
              "url": "/"
            }
          ],
          "paths": {
            "/api/health": {
              "get": {
                "operationId": "health",
                "summary": "Liveness, version and whether there is a store",
                "responses": {
                  "200": {
                    "description": "The server runs",
                    "content": {
                      "application/json": {
                        "schema": {
                          "type": "object",
                          "required": [
                            "status",
                            "version",
                            "store"
                          ],
                          "properties": {
                            "status": {
                              "type": "string",
                              "const": "ok"
                            },
                            "version": {
                              "type": "string"
                            },
                            "store": {
                              "type": "boolean",
                              "description": "Whether the server keeps a results store (the /api/experiments endpoints answer 404 without one)"
                            }
                          }
                        }
                      }
                    }
                  }
                }
              }
            },
            "/api/scenarios": {
              "get": {
                "operationId": "listScenarios",
                "summary": "The bundled scenarios",
                "responses": {
                  "200": {
                    "description": "Name and title of each",
                    "content": {
                      "application/json": {
                        "schema": {
                          "type": "array",
                          "items": {
                            "$ref": "#/components/schemas/ScenarioItem"
                          }
                        }
                      }
                    }
                  }
                }
              }
            },
            "/api/scenarios/{name}": {
              "get": {
                "operationId": "getScenario",
                "summary": "A bundled scenario's YAML",
                "parameters": [
                  {
                    "name": "name",
                    "in": "path",
                    "required": true,
                    "schema": {
                      "type": "string"
                    }
                  }
                ],
                "responses": {
                  "200": {
                    "description": "The scenario",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ScenarioDocument"
                        }
                      }
                    }
                  },
                  "404": {
                    "$ref": "#/components/responses/Error"
                  }
                }
              }
            },
            "/api/validate": {
              "post": {
                "operationId": "validateScenario",
                "summary": "Check a scenario's YAML",
                "requestBody": {
                  "required": true,
                  "content": {
                    "application/yaml": {
                      "schema": {
                        "description": "The scenario's YAML, as in a scenario file (docs/scenario-format.md)"
                      }
                    },
                    "text/plain": {
                      "schema": {
                        "description": "The scenario's YAML, as in a scenario file (docs/scenario-format.md)"
                      }
                    }
                  }
                },
                "responses": {
                  "200": {
                    "description": "Valid or not, with each problem located",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Validation"
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/Error"
                  },
                  "413": {
                    "$ref": "#/components/responses/Error"
                  },
                  "415": {
                    "$ref": "#/components/responses/Error"
                  }
                }
              }
            },
            "/api/jobs": {
              "get": {
                "operationId": "listJobs",
                "summary": "The jobs this server holds",
                "responses": {
                  "200": {
                    "description": "Their states",
                    "content": {
                      "application/json": {
                        "schema": {
                          "type": "object",
                          "required": [
                            "jobs"
                          ],
                          "properties": {
                            "jobs": {
                              "type": "array",
                              "items": {
                                "$ref": "#/components/schemas/JobState"
                              }
                            }
                          }
                        }
                      }
                    }
                  }
                }
              },
              "post": {
                "operationId": "submitJob",
                "summary": "Queue a job (run, explain, compare, sweep, sensitivity, backtest)",
                "requestBody": {
                  "required": true,
                  "content": {
                    "application/json": {
                      "schema": {
                        "$ref": "#/components/schemas/Job"
                      }
                    }
                  }
                },
                "responses": {
                  "202": {
                    "description": "Queued",
                    "headers": {
                      "Location": {
                        "schema": {
                          "type": "string"
                        }
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Submitted"
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/Error"
                  },
                  "413": {
                    "$ref": "#/components/responses/Error"
                  },
                  "422": {
                    "$ref": "#/components/responses/Error"
                  },
                  "429": {
                    "description": "The queue is full",
                    "headers": {
                      "Retry-After": {
                        "schema": {
                          "type": "string"
                        }
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  },
                  "503": {
                    "$ref": "#/components/responses/Error"
                  }
                }
              }
            },
            "/api/jobs/{id}": {
              "get": {
                "operationId": "getJob",
                "summary": "A job's state and progress",
                "parameters": [
                  {
                    "name": "id",
                    "in": "path",
                    "required": true,
                    "schema": {
                      "type": "integer",
                      "minimum": 1
                    }
                  }
                ],
                "responses": {
                  "200": {
                    "description": "Its state",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/JobState"
                        }
                      }
                    }
                  },
                  "404": {
                    "$ref": "#/components/responses/Error"
                  }
                }
              },
              "delete": {
                "operationId": "cancelJob",
                "summary": "Cancel a job (a running one stops after its tasks under way)",
                "parameters": [
                  {
                    "name": "id",
                    "in": "path",
                    "required": true,
                    "schema": {
                      "type": "integer",
                      "minimum": 1
                    }
                  }
                ],
                "responses": {
                  "200": {
                    "description": "Its state",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/JobState"
                        }
                      }
                    }
                  },
                  "404": {
                    "$ref": "#/components/responses/Error"
                  }
                }
              }
            },
            "/api/jobs/{id}/result": {
              "get": {
                "operationId": "getJobResult",
                "summary": "A complete job's result: the bytes of `stalemate <kind> --format json`",
                "parameters": [
                  {
                    "name": "id",
                    "in": "path",
                    "required": true,
                    "schema": {
                      "type": "integer",
                      "minimum": 1
                    }
                  }
                ],
                "responses": {
                  "200": {
                    "description": "The result document of the job's kind",
                    "content": {
                      "application/json": {
                        "schema": {
                          "type": "object"
                        }
                      }
                    }
                  },
                  "404": {
                    "$ref": "#/components/responses/Error"
                  },
                  "409": {
                    "$ref": "#/components/responses/Error"
                  }
                }
              }
            },
            "/api/jobs/{id}/events": {
              "get": {
                "operationId": "jobEvents",
                "summary": "The job's states as Server-Sent Events (`event: state`), until it finishes",
                "parameters": [
                  {
                    "name": "id",
                    "in": "path",
                    "required": true,
                    "schema": {
                      "type": "integer",
                      "minimum": 1
                    }
                  }
                ],
                "responses": {
                  "200": {
                    "description": "An event stream",
                    "content": {
                      "text/event-stream": {
                        "schema": {
                          "type": "object",
                          "required": [
                            "event",
                            "data"
                          ],
                          "properties": {
                            "event": {
                              "type": "string",
                              "const": "state"
                            },
                            "data": {
                              "type": "string",
                              "description": "The job's state (JobState) as JSON"
                            }
                          }
                        }
                      }
                    }
                  },
                  "404": {
                    "$ref": "#/components/responses/Error"
                  }
                }
              }
            },
            "/api/experiments": {
              "get": {
                "operationId": "listExperiments",
                "summary": "The store's experiments (schema stalemate.history/1)",
                "responses": {
                  "200": {
                    "description": "The history",
                    "content": {
                      "application/json": {
                        "schema": {
                          "type": "object",
                          "required": [
                            "schema",
                            "store",
                            "experiments"
                          ],
                          "properties": {
                            "schema": {
                              "type": "string"
                            },
                            "store": {
                              "type": "string"
                            },
                            "experiments": {
                              "type": "array",
                              "items": {
                                "type": "object"
                              }
                            }
                          }
                        }
                      }
                    }
                  },
                  "404": {
                    "$ref": "#/components/responses/Error"
                  }
                }
              }
            },
            "/api/experiments/{id}": {
              "get": {
                "operationId": "getExperiment",
                "summary": "One experiment (schema stalemate.experiment/1)",
                "parameters": [
                  {
                    "name": "id",
                    "in": "path",
                    "required": true,
                    "schema": {
                      "type": "integer",
                      "minimum": 1
                    }
                  }
                ],
                "responses": {
                  "200": {
                    "description": "The experiment",
                    "content": {
                      "application/json": {
                        "schema": {
                          "type": "object"
                        }
                      }
                    }
                  },
                  "404": {
                    "$ref": "#/components/responses/Error"
                  }
                }
              }
            },
            "/api/experiments/{id}/export": {
              "get": {
                "operationId": "exportExperiment",
                "summary": "An experiment's tidy table as CSV",
                "parameters": [
                  {
                    "name": "id",
                    "in": "path",
                    "required": true,
                    "schema": {
                      "type": "integer",
                      "minimum": 1
                    }
                  },
                  {
                    "name": "what",
                    "in": "query",
                    "required": false,
                    "schema": {
                      "type": "string",
                      "enum": [
                        "runs",
                        "weekly",
                        "rows"
                      ]
                    }
                  }
                ],
                "responses": {
                  "200": {
                    "description": "CSV",
                    "content": {
                      "text/csv": {
                        "schema": {
                          "type": "string"
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/Error"
                  },
                  "404": {
                    "$ref": "#/components/responses/Error"
                  }
                }
              }
            },
            "/api/experiments/{id}/report": {
              "get": {
                "operationId": "experimentReport",
                "summary": "A complete experiment's HTML report",
                "parameters": [
                  {
                    "name": "id",
                    "in": "path",
                    "required": true,
                    "schema": {
                      "type": "integer",
                      "minimum": 1
                    }
                  }
                ],
                "responses": {
                  "200": {
                    "description": "HTML",
                    "content": {
                      "text/html": {
                        "schema": {
                          "type": "string"
                        }
                      }
                    }
                  },
                  "404": {
                    "$ref": "#/components/responses/Error"
                  },
                  "409": {
                    "$ref": "#/components/responses/Error"
                  }
                }
              }
            },
            "/api/jobs/{id}/report": {
              "get": {
                "operationId": "jobReport",
                "summary": "A complete job's HTML report (run, backtest, compare, sweep, sensitivity), drawn by the code of `stalemate report`",
                "parameters": [
                  {
                    "name": "id",
                    "in": "path",
                    "required": true,
                    "schema": {
                      "type": "integer",
                      "minimum": 1
                    }
                  }
                ],
                "responses": {
                  "200": {
                    "description": "HTML",
                    "content": {
                      "text/html": {
                        "schema": {
                          "type": "string"
                        }
                      }
                    }
                  },
                  "404": {
                    "$ref": "#/components/responses/Error"
                  },
                  "409": {
                    "$ref": "#/components/responses/Error"
                  }
                }
              }
            },
            "/api/levers": {
              "post": {
                "operationId": "levers",
                "summary": "The dashboard's levers of a scenario: each a `--set` override key with the scenario's value and a range",
                "requestBody": {
                  "required": true,
                  "content": {
                    "application/yaml": {
                      "schema": {
                        "description": "The scenario's YAML, as in a scenario file (docs/scenario-format.md)"
                      }
                    },
                    "text/plain": {
                      "schema": {
                        "description": "The scenario's YAML, as in a scenario file (docs/scenario-format.md)"
                      }
                    }
                  }
                },
                "responses": {
                  "200": {
                    "description": "The levers, in groups",
                    "content": {
                      "application/json": {
                        "schema": {
                          "type": "object",
                          "required": [
                            "scenario",
                            "horizon",
                            "groups"
                          ],
                          "properties": {
                            "scenario": {
                              "type": "string"
                            },
                            "horizon": {
                              "type": "integer"
                            },
                            "groups": {
                              "type": "array",
                              "items": {
                                "type": "object",
                                "required": [
                                  "title",
                                  "levers"
                                ],
                                "properties": {
                                  "title": {
                                    "type": "string"
                                  },
                                  "levers": {
                                    "type": "array",
                                    "items": {
                                      "type": "object"
                                    }
                                  }
                                }
                              }
                            }
                          }
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/Error"
                  },
                  "413": {
                    "$ref": "#/components/responses/Error"
                  },
                  "422": {
                    "$ref": "#/components/responses/Error"
                  },
                  "415": {
                    "$ref": "#/components/responses/Error"
                  }
                }
              }
            },
            "/api/story": {
              "post": {
                "operationId": "story",
                "summary": "One war's story: a run of an ensemble week by week, and its timeline (events, battles, territory, talks and suspensions, proposals, escalations and retaliations, agreement, breakdown, end)",
                "requestBody": {
                  "required": true,
                  "content": {
                    "application/json": {
                      "schema": {
                        "$ref": "#/components/schemas/StoryRequest"
                      }
                    }
                  }
                },
                "responses": {
                  "200": {
                    "description": "The story",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/WarStory"
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/Error"
                  },
                  "404": {
                    "$ref": "#/components/responses/Error"
                  },
                  "413": {
                    "$ref": "#/components/responses/Error"
                  },
                  "422": {
                    "$ref": "#/components/responses/Error"
                  }
                }
              }
            },
            "/api/story/report": {
              "post": {
                "operationId": "storyReport",
                "summary": "One war's story as an HTML page, drawn by the report code: the timeline, the share and proposals, the talks and the battles week by week",
                "requestBody": {
                  "required": true,
                  "content": {
                    "application/json": {
                      "schema": {
                        "$ref": "#/components/schemas/StoryRequest"
                      }
                    }
                  }
                },
                "responses": {
                  "200": {
                    "description": "HTML",
                    "content": {
                      "text/html": {
                        "schema": {
                          "type": "string"
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/Error"
                  },
                  "404": {
                    "$ref": "#/components/responses/Error"
                  },
                  "413": {
                    "$ref": "#/components/responses/Error"
                  },
                  "422": {
                    "$ref": "#/components/responses/Error"
                  }
                }
              }
            }
          },
          "components": {
            "responses": {
              "Error": {
                "description": "An error, with what to fix",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    }
                  }
                }
              }
            },
            "schemas": {
              "Error": {
                "type": "object",
                "required": [
                  "error"
                ],
                "properties": {
                  "error": {
                    "type": "string"
                  },
                  "problems": {
                    "type": "array",
                    "items": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "Problem": {
                "type": "object",
                "required": [
                  "keyPath",
                  "problem",
                  "fix",
                  "message"
                ],
                "properties": {
                  "line": {
                    "type": "integer"
                  },
                  "column": {
                    "type": "integer"
                  },
                  "keyPath": {
                    "type": "string"
                  },
                  "problem": {
                    "type": "string"
                  },
                  "fix": {
                    "type": "string"
                  },
                  "message": {
                    "type": "string"
                  }
                }
              },
              "Validation": {
                "type": "object",
                "required": [
                  "valid",
                  "problems"
                ],
                "properties": {
                  "valid": {
                    "type": "boolean"
                  },
                  "problems": {
                    "type": "array",
                    "items": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "ScenarioItem": {
                "type": "object",
                "required": [
                  "name",
                  "title"
                ],
                "properties": {
                  "name": {
                    "type": "string"
                  },
                  "title": {
                    "type": "string"
                  }
                }
              },
              "ScenarioDocument": {
                "type": "object",
                "required": [
                  "name",
                  "title",
                  "hash",
                  "yaml"
                ],
                "properties": {
                  "name": {
                    "type": "string"
                  },
                  "title": {
                    "type": "string"
                  },
                  "hash": {
                    "type": "string"
                  },
                  "yaml": {
                    "type": "string"
                  }
                }
              },
              "Job": {
                "description": "A job of schema stalemate.job/1 (docs/jobs.md): `kind` and the kind's own fields; the scenario travels as text. The server computes these six kinds; calibrate, fit and analyze jobs are refused with 422 (run them with the command line). A job that fits this schema can still be refused with 422 when its scenario or overrides have problems: no schema can say what a valid scenario is.",
                "oneOf": [
                  {
                    "type": "object",
                    "required": [
                      "kind",
                      "scenario",
                      "ensemble"
                    ],
                    "properties": {
                      "schema": {
                        "type": "string",
                        "const": "stalemate.job/1"
                      },
                      "kind": {
                        "type": "string",
                        "const": "run"
                      },
                      "scenario": {
                        "$ref": "#/components/schemas/ScenarioInput"
                      },
                      "ensemble": {
                        "$ref": "#/components/schemas/EnsembleSettings"
                      }
                    },
                    "additionalProperties": false
                  },
                  {
                    "type": "object",
                    "required": [
                      "kind",
                      "scenario",
                      "ensemble"
                    ],
                    "properties": {
                      "schema": {
                        "type": "string",
                        "const": "stalemate.job/1"
                      },
                      "kind": {
                        "type": "string",
                        "const": "explain"
                      },
                      "scenario": {
                        "$ref": "#/components/schemas/ScenarioInput"
                      },
                      "ensemble": {
                        "$ref": "#/components/schemas/EnsembleSettings"
                      }
                    },
                    "additionalProperties": false
                  },
                  {
                    "type": "object",
                    "required": [
                      "kind",
                      "scenario",
                      "ensemble",
                      "variants"
                    ],
                    "properties": {
                      "schema": {
                        "type": "string",
                        "const": "stalemate.job/1"
                      },
                      "kind": {
                        "type": "string",
                        "const": "compare"
                      },
                      "scenario": {
                        "$ref": "#/components/schemas/ScenarioInput"
                      },
                      "ensemble": {
                        "$ref": "#/components/schemas/EnsembleSettings"
                      },
                      "variants": {
                        "type": "array",
                        "items": {
                          "type": "object",
                          "required": [
                            "name",
                            "overrides"
                          ],
                          "properties": {
                            "name": {
                              "type": "string"
                            },
                            "overrides": {
                              "type": "array",
                              "items": {
                                "type": "string"
                              }
                            }
                          },
                          "additionalProperties": false
                        }
                      }
                    },
                    "additionalProperties": false
                  },
                  {
                    "type": "object",
                    "required": [
                      "kind",
                      "scenario",
                      "ensemble",
                      "parameters",
                      "design",
                      "points"
                    ],
                    "properties": {
                      "schema": {
                        "type": "string",
                        "const": "stalemate.job/1"
                      },
                      "kind": {
                        "type": "string",
                        "const": "sweep"
                      },
                      "scenario": {
                        "$ref": "#/components/schemas/ScenarioInput"
                      },
                      "ensemble": {
                        "$ref": "#/components/schemas/EnsembleSettings"
                      },
                      "parameters": {
                        "type": "array",
                        "items": {
                          "type": "string"
                        },
                        "minItems": 1
                      },
                      "design": {
                        "type": "string",
                        "enum": [
                          "grid",
                          "lhs"
                        ]
                      },
                      "points": {
                        "type": "integer",
                        "minimum": 1
                      }
                    },
                    "additionalProperties": false
                  },
                  {
                    "type": "object",
                    "required": [
                      "kind",
                      "scenario",
                      "ensemble",
                      "parameters",
                      "method",
                      "metric",
                      "size"
                    ],
                    "properties": {
                      "schema": {
                        "type": "string",
                        "const": "stalemate.job/1"
                      },
                      "kind": {
                        "type": "string",
                        "const": "sensitivity"
                      },
                      "scenario": {
                        "$ref": "#/components/schemas/ScenarioInput"
                      },
                      "ensemble": {
                        "$ref": "#/components/schemas/EnsembleSettings"
                      },
                      "parameters": {
                        "type": "array",
                        "items": {
                          "type": "string"
                        }
                      },
                      "method": {
                        "type": "string",
                        "enum": [
                          "morris",
                          "sobol"
                        ]
                      },
                      "metric": {
                        "type": "string"
                      },
                      "size": {
                        "type": "integer",
                        "minimum": 1
                      }
                    },
                    "additionalProperties": false
                  },
                  {
                    "type": "object",
                    "required": [
                      "kind",
                      "scenario",
                      "ensemble",
                      "observed",
                      "file",
                      "observable",
                      "scale"
                    ],
                    "properties": {
                      "schema": {
                        "type": "string",
                        "const": "stalemate.job/1"
                      },
                      "kind": {
                        "type": "string",
                        "const": "backtest"
                      },
                      "scenario": {
                        "$ref": "#/components/schemas/ScenarioInput"
                      },
                      "ensemble": {
                        "$ref": "#/components/schemas/EnsembleSettings"
                      },
                      "observed": {
                        "type": "object",
                        "required": [
                          "name",
                          "text"
                        ],
                        "properties": {
                          "name": {
                            "type": "string"
                          },
                          "text": {
                            "type": "string"
                          }
                        },
                        "additionalProperties": false
                      },
                      "file": {
                        "type": "string"
                      },
                      "observable": {
                        "type": "string"
                      },
                      "column": {
                        "type": "string"
                      },
                      "scale": {
                        "type": "number"
                      },
                      "trendFrom": {
                        "type": "integer",
                        "maximum": 0
                      }
                    },
                    "additionalProperties": false
                  }
                ]
              },
              "Submitted": {
                "type": "object",
                "required": [
                  "id",
                  "status",
                  "kind",
                  "identity",
                  "links"
                ],
                "properties": {
                  "id": {
                    "type": "integer"
                  },
                  "status": {
                    "$ref": "#/components/schemas/JobStatus"
                  },
                  "kind": {
                    "type": "string"
                  },
                  "identity": {
                    "type": "string"
                  },
                  "links": {
                    "type": "object",
                    "additionalProperties": {
                      "type": "string"
                    }
                  }
                }
              },
              "JobStatus": {
                "type": "string",
                "enum": [
                  "queued",
                  "running",
                  "complete",
                  "failed",
                  "cancelled",
                  "interrupted"
                ]
              },
              "JobState": {
                "type": "object",
                "required": [
                  "id",
                  "kind",
                  "identity",
                  "status",
                  "done",
                  "total",
                  "notes",
                  "submittedAt"
                ],
                "properties": {
                  "id": {
                    "type": "integer"
                  },
                  "kind": {
                    "type": "string"
                  },
                  "identity": {
                    "type": "string"
                  },
                  "status": {
                    "$ref": "#/components/schemas/JobStatus"
                  },
                  "stage": {
                    "type": "string"
                  },
                  "done": {
                    "type": "integer"
                  },
                  "total": {
                    "type": "integer"
                  },
                  "notes": {
                    "type": "array",
                    "items": {
                      "type": "string"
                    }
                  },
                  "error": {
                    "type": "string"
                  },
                  "experiment": {
                    "type": "integer"
                  },
                  "submittedAt": {
                    "type": "string"
                  },
                  "finishedAt": {
                    "type": "string"
                  }
                }
              },
              "ScenarioInput": {
                "type": "object",
                "required": [
                  "name",
                  "text"
                ],
                "properties": {
                  "name": {
                    "type": "string"
                  },
                  "text": {
                    "type": "string",
                    "description": "The scenario's YAML"
                  },
                  "folder": {
                    "type": "string"
                  }
                },
                "additionalProperties": false
              },
              "EnsembleSettings": {
                "type": "object",
                "required": [
                  "overrides",
                  "runs",
                  "seed"
                ],
                "properties": {
                  "overrides": {
                    "type": "array",
                    "items": {
                      "type": "string"
                    }
                  },
                  "runs": {
                    "type": "integer",
                    "minimum": 1
                  },
                  "seed": {
                    "type": "integer",
                    "minimum": 0,
                    "maximum": 18446744073709551615
                  },
                  "weeks": {
                    "type": "integer",
                    "minimum": 1
                  }
                },
                "additionalProperties": false
              },
              "StoryRequest": {
                "description": "One run of an ensemble: the scenario and ensemble settings of a run job, and either the run's index (`run`, 0 when neither is given) or an outcome (`outcome`: the first run of the ensemble that ends so). The same scenario, overrides, seed and index give the same war as the ensemble's run of that index.",
                "type": "object",
                "required": [
                  "scenario",
                  "ensemble"
                ],
                "properties": {
                  "scenario": {
                    "$ref": "#/components/schemas/ScenarioInput"
                  },
                  "ensemble": {
                    "$ref": "#/components/schemas/EnsembleSettings"
                  },
                  "run": {
                    "type": "integer",
                    "minimum": 0
                  },
                  "outcome": {
                    "type": "string",
                    "enum": [
                      "settled",
                      "ceasefireHolding",
                      "defeatA",
                      "defeatB",
                      "ongoing"
                    ]
                  }
                },
                "additionalProperties": false
              },
              "WarStory": {
                "description": "One war's story (schema stalemate.story/1): its weeks and its timeline (docs/api.md).",
                "type": "object",
                "required": [
                  "schema",
                  "scenario",
                  "title",
                  "sides",
                  "regions",
                  "overrides",
                  "seed",
                  "run",
                  "outcome",
                  "duration",
                  "weeks",
                  "timeline"
                ],
                "properties": {
                  "schema": {
                    "type": "string",
                    "const": "stalemate.story/1"
                  },
                  "scenario": {
                    "type": "string"
                  },
                  "title": {
                    "type": "string"
                  },
                  "sides": {
                    "type": "object",
                    "additionalProperties": {
                      "type": "string"
                    }
                  },
                  "regions": {
                    "type": "array",
                    "items": {
                      "type": "string"
                    }
                  },
                  "overrides": {
                    "type": "array",
                    "items": {
                      "type": "string"
                    }
                  },
                  "seed": {
                    "type": "integer",
                    "minimum": 0
                  },
                  "run": {
                    "type": "integer",
                    "minimum": 0
                  },
                  "outcome": {
                    "type": "string",
                    "enum": [
                      "settled",
                      "ceasefireHolding",
                      "defeatA",
                      "defeatB",
                      "ongoing"
                    ]
                  },
                  "duration": {
                    "type": "integer",
                    "minimum": 0
                  },
                  "weeks": {
                    "type": "array",
                    "items": {
                      "type": "object",
                      "required": [
                        "week",
                        "share",
                        "phase",
                        "escalation",
                        "wonA",
                        "wonB",
                        "forcesA",
                        "forcesB",
                        "control"
                      ],
                      "properties": {
                        "week": {
                          "type": "integer"
                        },
                        "date": {
                          "type": "string"
                        },
                        "share": {
                          "type": "number"
                        },
                        "phase": {
                          "type": "string",
                          "enum": [
                            "closed",
                            "talks",
                            "suspended",
                            "ceasefire",
                            "ended"
                          ]
                        },
                        "escalation": {
                          "type": "integer",
                          "minimum": 0
                        },
                        "blocker": {
                          "type": "string"
                        },
                        "wonA": {
                          "type": "number"
                        },
                        "wonB": {
                          "type": "number"
                        },
                        "forcesA": {
                          "type": "number"
                        },
                        "forcesB": {
                          "type": "number"
                        },
                        "proposalA": {
                          "type": "number"
                        },
                        "proposalB": {
                          "type": "number"
                        },
                        "control": {
                          "type": "array",
                          "items": {
                            "type": [
                              "number",
                              "null"
                            ]
                          }
                        }
                      }
                    }
                  },
                  "timeline": {
                    "type": "array",
                    "items": {
                      "type": "object",
                      "required": [
                        "fromWeek",
                        "toWeek",
                        "kinds",
                        "lines"
                      ],
                      "properties": {
                        "fromWeek": {
                          "type": "integer"
                        },
                        "toWeek": {
                          "type": "integer"
                        },
                        "date": {
                          "type": "string"
                        },
                        "kinds": {
                          "type": "array",
                          "items": {
                            "type": "string"
                          }
                        },
                        "lines": {
                          "type": "array",
                          "items": {
                            "type": "string"
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
        """# + "\n"
}
