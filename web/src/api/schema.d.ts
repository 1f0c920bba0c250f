// Generated from the gateway's /openapi.json by `npm run types` (web/scripts/types.mjs).
// Do not edit: the test command fails when this file is stale.

export interface paths {
    "/api/admin/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List every API key */
        get: operations["list_keys_api_admin_api_keys_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/api-keys/{key_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke any API key (fails on its next request) */
        delete: operations["revoke_key_api_admin_api_keys__key_id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The audit trail, newest first (filters, keyset paging) */
        get: operations["list_audit_api_admin_audit_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/cache": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Flush the response cache */
        delete: operations["flush_cache_api_admin_cache_delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/logs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The request log, newest first (filters, keyset paging, CSV export) */
        get: operations["list_logs_api_admin_logs_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/logs/{record_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One request, with its prompt and answer if content logging was on */
        get: operations["read_log_api_admin_logs__record_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/model-pulls": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pull a model onto every node or the chosen ones, progress streamed per node */
        post: operations["pull_model_api_admin_model_pulls_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/model-pulls/{pull_id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a running pull (on whichever process of the fleet runs it) */
        post: operations["cancel_pull_api_admin_model_pulls__pull_id__cancel_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every model on every node */
        get: operations["list_models_api_admin_models_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/models/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One model */
        get: operations["read_model_api_admin_models__name__get"];
        /** Enable or disable a model, restrict it to roles, describe it, make it the default */
        put: operations["update_model_api_admin_models__name__put"];
        post?: never;
        /** Delete a model from the chosen nodes (default: every node holding it) */
        delete: operations["delete_model_api_admin_models__name__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/query": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Run one read-only SELECT (5 s, at most 1,000 rows, no secret columns; audited) */
        post: operations["run_query_api_admin_query_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The effective run-time settings (environment overridden by stored values) */
        get: operations["read_settings_api_admin_settings_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change run-time settings (applied on every process within a second) */
        patch: operations["update_settings_api_admin_settings_patch"];
        trace?: never;
    };
    "/api/admin/telemetry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Traffic, latency, tokens and errors over time (from the rollups), and system figures */
        get: operations["telemetry_api_admin_telemetry_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/upstreams": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every upstream node and its state */
        get: operations["list_upstreams_api_admin_upstreams_get"];
        put?: never;
        /** Add an upstream node (in use within a second on every process) */
        post: operations["create_upstream_api_admin_upstreams_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/upstreams/{node_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a stored upstream node (requests in flight on it finish) */
        delete: operations["delete_upstream_api_admin_upstreams__node_id__delete"];
        options?: never;
        head?: never;
        /** Change a stored upstream node */
        patch: operations["update_upstream_api_admin_upstreams__node_id__patch"];
        trace?: never;
    };
    "/api/admin/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List users */
        get: operations["list_users_api_admin_users_get"];
        put?: never;
        /** Create a user (a generated password is answered once) */
        post: operations["create_user_api_admin_users_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/users/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One user */
        get: operations["read_user_api_admin_users__user_id__get"];
        put?: never;
        post?: never;
        /** Delete a user: their keys, sessions and chats go; usage records stay */
        delete: operations["delete_user_api_admin_users__user_id__delete"];
        options?: never;
        head?: never;
        /** Change a user's role, active flag, email or limits (applies on their next request) */
        patch: operations["update_user_api_admin_users__user_id__patch"];
        trace?: never;
    };
    "/api/admin/users/{user_id}/limits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A user's rate limits and quotas (and their keys') and their current use */
        get: operations["read_user_limits_api_admin_users__user_id__limits_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/users/{user_id}/reset-password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set a generated password (answered once) and end the user's sessions */
        post: operations["reset_password_api_admin_users__user_id__reset_password_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the caller's API keys */
        get: operations["list_keys_api_auth_api_keys_get"];
        put?: never;
        /** Create an API key (the secret is shown once, in `key`) */
        post: operations["create_key_api_auth_api_keys_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/api-keys/{key_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API key */
        delete: operations["revoke_key_api_auth_api_keys__key_id__delete"];
        options?: never;
        head?: never;
        /** Change an API key */
        patch: operations["update_key_api_auth_api_keys__key_id__patch"];
        trace?: never;
    };
    "/api/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Log in with username (or email) and password, as a form or JSON */
        post: operations["login_api_auth_login_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke this session's refresh tokens and clear the cookies */
        post: operations["logout_api_auth_logout_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's profile */
        get: operations["read_me_api_auth_me_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change the caller's username or email */
        patch: operations["update_me_api_auth_me_patch"];
        trace?: never;
    };
    "/api/auth/me/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change the password; other sessions end, this one gets new tokens */
        post: operations["change_password_api_auth_me_password_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/me/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's settings */
        get: operations["read_settings_api_auth_me_settings_get"];
        /** Replace the caller's settings */
        put: operations["write_settings_api_auth_me_settings_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Rotate a refresh token (403: a cookie's refresh without its CSRF token) */
        post: operations["refresh_api_auth_refresh_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create an account (when registration is open) */
        post: operations["register_api_auth_register_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/whoami": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The authenticated caller
         * @description Answered from the principal alone: no database query once credentials are cached.
         */
        get: operations["whoami_api_auth_whoami_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/blobs/{digest}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Upload a blob (its bytes must hash to the digest) */
        post: operations["blobs_api_blobs__digest__post"];
        delete?: never;
        options?: never;
        /** Check a blob exists */
        head: operations["head_blob"];
        patch?: never;
        trace?: never;
    };
    "/api/chat": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Chat (messages, or seed-002 prompt) */
        post: operations["chat_api_chat_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/chats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's chats, pinned first, then newest */
        get: operations["list_chats_api_chats_get"];
        put?: never;
        /** Create Chat */
        post: operations["create_chat_api_chats_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/chats/bulk-delete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Bulk Delete */
        post: operations["bulk_delete_api_chats_bulk_delete_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/chats/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import Chat */
        post: operations["import_chat_api_chats_import_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/chats/{chat_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Chat */
        get: operations["get_chat_api_chats__chat_id__get"];
        put?: never;
        post?: never;
        /** Delete Chat */
        delete: operations["delete_chat_api_chats__chat_id__delete"];
        options?: never;
        head?: never;
        /** Update Chat */
        patch: operations["update_chat_api_chats__chat_id__patch"];
        trace?: never;
    };
    "/api/chats/{chat_id}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Export Chat */
        get: operations["export_chat_api_chats__chat_id__export_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/chats/{chat_id}/images/{image_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Image */
        get: operations["get_image_api_chats__chat_id__images__image_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/chats/{chat_id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Messages */
        get: operations["get_messages_api_chats__chat_id__messages_get"];
        put?: never;
        /** Send */
        post: operations["send_api_chats__chat_id__messages_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/chats/{chat_id}/messages/{message_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Edit a question: the edit becomes a sibling and gets a new answer */
        put: operations["edit_api_chats__chat_id__messages__message_id__put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/chats/{chat_id}/messages/{message_id}/regenerate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A new answer beside the old one */
        post: operations["regenerate_api_chats__chat_id__messages__message_id__regenerate_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/chats/{chat_id}/stop": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Stop
         * @description Stop the running turn: the upstream request is cancelled, the partial answer kept.
         */
        post: operations["stop_api_chats__chat_id__stop_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/chats/{chat_id}/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Reattach */
        get: operations["reattach_api_chats__chat_id__stream_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/copy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Copy a model */
        post: operations["copy_api_copy_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create a model */
        post: operations["create_api_create_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/delete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a model */
        delete: operations["delete_api_delete_delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/embed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Embeddings */
        post: operations["embed_api_embed_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/embeddings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Embedding (legacy) */
        post: operations["embeddings_api_embeddings_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/generate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Generate a completion */
        post: operations["generate_api_generate_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Models the caller may use */
        get: operations["list_models_api_models_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ps": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Models loaded on the nodes */
        get: operations["ps_api_ps_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/pull": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pull a model (progress stream) */
        post: operations["pull_api_pull_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/push": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Push a model */
        post: operations["push_api_push_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/send-message": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Seed 004's send: one question, the stored answer */
        post: operations["send_message_api_send_message_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/show": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Model details */
        post: operations["show_api_show_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Gateway, database and upstream health */
        get: operations["status_api_status_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Models the caller may use */
        get: operations["tags_api_tags_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        /** Models the caller may use */
        head: operations["head_tags"];
        patch?: never;
        trace?: never;
    };
    "/api/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's own requests and tokens by model (or key) and by day, and their limits */
        get: operations["read_own_usage_api_usage_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/usage/limits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's rate limits and quotas and their current use */
        get: operations["read_own_limits_api_usage_limits_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/version": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Ollama version */
        get: operations["version_api_version_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        /** Ollama version */
        head: operations["head_version"];
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness probe */
        get: operations["health_health_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness probe (Kubernetes) */
        get: operations["live_health_live_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness probe: database, Redis and an upstream answer */
        get: operations["ready_health_ready_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Prometheus metrics (admin or scrape token) */
        get: operations["metrics_metrics_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/chat/completions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Chat completion */
        post: operations["chat_completions_v1_chat_completions_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/completions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Completion */
        post: operations["completions_v1_completions_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/embeddings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Embeddings */
        post: operations["openai_embeddings_v1_embeddings_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Messages (Anthropic-compatible) */
        post: operations["messages_v1_messages_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Models the caller may use */
        get: operations["models_v1_models_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{model}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One model */
        get: operations["model_v1_models__model__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** AdminKeyPage */
        AdminKeyPage: {
            /** Items */
            items: components["schemas"]["AdminKeyPublic"][];
            /** Next Cursor */
            next_cursor: string | null;
            /**
             * Total
             * @description Keys matching the filters (all pages)
             */
            total: number;
        };
        /** AdminKeyPublic */
        AdminKeyPublic: {
            /** Active */
            active: boolean;
            /** Allowed Models */
            allowed_models: string[] | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Expires At */
            expires_at: string | null;
            /** Id */
            id: number;
            /** Last Used At */
            last_used_at: string | null;
            /** Name */
            name: string;
            /** Owner */
            owner: string;
            /** Prefix */
            prefix: string;
            /** Revoked */
            revoked: boolean;
            /** Revoked At */
            revoked_at: string | null;
            /** Scopes */
            scopes: string[] | null;
            /** User Id */
            user_id: number;
        };
        /**
         * AdminModelPublic
         * @description One model as the nodes report it (``/api/tags``, ``/api/ps``) and as the catalog rules it.
         */
        AdminModelPublic: {
            /**
             * Allowed Roles
             * @description null: every role
             */
            allowed_roles: string[] | null;
            /**
             * Default
             * @description The default model of the portal and chats
             */
            default: boolean;
            /** Description */
            description: string | null;
            /** Digest */
            digest?: string | null;
            /** Enabled */
            enabled: boolean;
            /** Family */
            family?: string | null;
            /**
             * Loaded On
             * @description Nodes where it is loaded in memory (/api/ps)
             */
            loaded_on: string[];
            /** Name */
            name: string;
            /**
             * Nodes
             * @description Nodes holding the model
             */
            nodes: string[];
            /** Parameter Size */
            parameter_size?: string | null;
            /** Quantization Level */
            quantization_level?: string | null;
            /** Size */
            size?: number | null;
        };
        /**
         * AdminModelUpdate
         * @description ``PUT /api/admin/models/{name}``: fields left out keep their value.
         *
         *     ``allowed_roles: null`` opens the model to every role; ``default: true`` makes it the
         *     default model (``default: false`` on the default model goes back to the environment's).
         */
        AdminModelUpdate: {
            /** Allowed Roles */
            allowed_roles?: ("admin" | "developer" | "user" | "read-only")[] | null;
            /** Default */
            default?: boolean | null;
            /** Description */
            description?: string | null;
            /** Enabled */
            enabled?: boolean | null;
        };
        /** AdminUserCreate */
        AdminUserCreate: {
            /**
             * Email
             * Format: email
             */
            email: string;
            /** Password */
            password?: string | null;
            /** @default user */
            role: components["schemas"]["Role"];
            /** Username */
            username: string;
        };
        /** AdminUserCreated */
        AdminUserCreated: {
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Email */
            email: string;
            /** Id */
            id: number;
            /** Is Active */
            is_active: boolean;
            /**
             * Key Count
             * @default 0
             */
            key_count: number;
            /** Last Login At */
            last_login_at: string | null;
            /** Limits */
            limits?: {
                [key: string]: number | null;
            } | null;
            /** Password */
            password?: string | null;
            /**
             * Requests Today
             * @default 0
             */
            requests_today: number;
            role: components["schemas"]["Role"];
            /** Username */
            username: string;
        };
        /** AdminUserPage */
        AdminUserPage: {
            /** Items */
            items: components["schemas"]["AdminUserPublic"][];
            /** Next Cursor */
            next_cursor: string | null;
            /** Total */
            total: number;
        };
        /** AdminUserPublic */
        AdminUserPublic: {
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Email */
            email: string;
            /** Id */
            id: number;
            /** Is Active */
            is_active: boolean;
            /**
             * Key Count
             * @default 0
             */
            key_count: number;
            /** Last Login At */
            last_login_at: string | null;
            /** Limits */
            limits?: {
                [key: string]: number | null;
            } | null;
            /**
             * Requests Today
             * @default 0
             */
            requests_today: number;
            role: components["schemas"]["Role"];
            /** Username */
            username: string;
        };
        /**
         * AdminUserUpdate
         * @description Only the fields sent change; ``limits: null`` removes the user's own limits.
         */
        AdminUserUpdate: {
            /** Email */
            email?: string | null;
            /** Is Active */
            is_active?: boolean | null;
            limits?: components["schemas"]["StrictLimits"] | null;
            role?: components["schemas"]["Role"] | null;
        };
        AnthropicError: {
            error: {
                message: string;
                type: string;
            };
            /** @enum {string} */
            type: "error";
        };
        /** ApiKeyCreate */
        ApiKeyCreate: {
            /** Allowed Models */
            allowed_models?: string[] | null;
            /** Description */
            description?: string | null;
            /** Expires At */
            expires_at?: string | null;
            limits?: components["schemas"]["LimitsIn"] | null;
            /** Name */
            name: string;
            /** Scopes */
            scopes?: components["schemas"]["Permission"][] | null;
        };
        /** ApiKeyCreated */
        ApiKeyCreated: {
            /**
             * Active
             * @default true
             */
            active: boolean;
            /** Allowed Models */
            allowed_models: string[] | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Description */
            description: string | null;
            /** Expires At */
            expires_at: string | null;
            /** Id */
            id: number;
            /** Key */
            key: string;
            /** Last Used At */
            last_used_at: string | null;
            /** Limits */
            limits: {
                [key: string]: number | null;
            } | null;
            /** Name */
            name: string;
            /** Prefix */
            prefix: string;
            /** Revoked At */
            revoked_at: string | null;
            /** Scopes */
            scopes: string[] | null;
        };
        /** ApiKeyPage */
        ApiKeyPage: {
            /** Items */
            items: components["schemas"]["ApiKeyPublic"][];
            /** Total */
            total: number;
        };
        /** ApiKeyPublic */
        ApiKeyPublic: {
            /**
             * Active
             * @default true
             */
            active: boolean;
            /** Allowed Models */
            allowed_models: string[] | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Description */
            description: string | null;
            /** Expires At */
            expires_at: string | null;
            /** Id */
            id: number;
            /** Last Used At */
            last_used_at: string | null;
            /** Limits */
            limits: {
                [key: string]: number | null;
            } | null;
            /** Name */
            name: string;
            /** Prefix */
            prefix: string;
            /** Revoked At */
            revoked_at: string | null;
            /** Scopes */
            scopes: string[] | null;
        };
        /**
         * ApiKeyUpdate
         * @description Only the fields sent change; ``null`` clears an optional field (e.g. removes the expiry).
         */
        ApiKeyUpdate: {
            /** Allowed Models */
            allowed_models?: string[] | null;
            /** Description */
            description?: string | null;
            /** Expires At */
            expires_at?: string | null;
            limits?: components["schemas"]["LimitsIn"] | null;
            /** Name */
            name?: string | null;
            /** Scopes */
            scopes?: components["schemas"]["Permission"][] | null;
        };
        /** AuditEntry */
        AuditEntry: {
            /** Actor */
            actor?: string | null;
            /** Actor User Id */
            actor_user_id: number | null;
            /**
             * At
             * Format: date-time
             */
            at: string;
            /** Details */
            details: {
                [key: string]: unknown;
            } | null;
            /** Id */
            id: number;
            /** Ip */
            ip: string | null;
            /** Kind */
            kind: string;
            /** Target */
            target: string | null;
        };
        /**
         * AuditKind
         * @enum {string}
         */
        AuditKind: "login" | "login_failed" | "logout" | "register" | "refresh_reuse" | "password_change" | "password_reset" | "profile_change" | "settings_change" | "role_change" | "limits_change" | "user_created" | "user_deactivated" | "user_activated" | "user_deleted" | "key_created" | "key_updated" | "key_revoked" | "admin_created" | "user_updated" | "sessions_ended" | "system_settings_change" | "upstream_created" | "upstream_updated" | "upstream_deleted" | "model_pull" | "model_push" | "model_delete" | "model_copy" | "model_create" | "model_catalog_change" | "query" | "cache_flush";
        /** AuditPage */
        AuditPage: {
            /** Items */
            items: components["schemas"]["AuditEntry"][];
            /** Next Cursor */
            next_cursor: string | null;
        };
        /** BucketState */
        BucketState: {
            /** Key Id */
            key_id?: number | null;
            /** Kind */
            kind: string;
            /** Limit */
            limit: number;
            /** Remaining */
            remaining: number;
            /** Reset Seconds */
            reset_seconds: number | null;
            /** Resets At */
            resets_at: string | null;
            /**
             * Scope
             * @enum {string}
             */
            scope: "user" | "key";
            /** Used */
            used: number;
        };
        /** BulkDelete */
        BulkDelete: {
            /** Ids */
            ids: number[];
        };
        /** BulkDeleted */
        BulkDeleted: {
            /** Deleted */
            deleted: number;
        };
        /** CacheFlushPublic */
        CacheFlushPublic: {
            /** Backend */
            backend: string;
            /** Flushed */
            flushed: number;
        };
        /** ChatCreate */
        ChatCreate: {
            /** Model */
            model?: string | null;
            /** Options */
            options?: {
                [key: string]: unknown;
            } | null;
            /** System */
            system?: string | null;
            /** Title */
            title?: string | null;
        };
        /** ChatDetail */
        ChatDetail: {
            /** Archived */
            archived: boolean;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Current Message Id */
            current_message_id?: number | null;
            /** Id */
            id: number;
            /**
             * Message Count
             * @default 0
             */
            message_count: number;
            /** Messages */
            messages: components["schemas"]["MessagePublic"][];
            /** Model */
            model: string | null;
            /** Options */
            options?: {
                [key: string]: unknown;
            } | null;
            /** Pinned */
            pinned: boolean;
            /** Preview */
            preview?: string | null;
            /**
             * Running
             * @default false
             */
            running: boolean;
            /** Snippet */
            snippet?: string | null;
            /** System */
            system?: string | null;
            /** Title */
            title: string;
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
        };
        /**
         * ChatExport
         * @description ``GET /api/chats/{id}/export?format=json``, accepted back by ``POST /api/chats/import``.
         */
        ChatExport: {
            /**
             * Archived
             * @default false
             */
            archived: boolean;
            /** Created At */
            created_at?: string | null;
            /** Current Message Id */
            current_message_id?: number | null;
            /**
             * Format
             * @default ollama-gateway.chat
             * @constant
             */
            format: "ollama-gateway.chat";
            /** Messages */
            messages?: components["schemas"]["ExportMessage"][];
            /** Model */
            model?: string | null;
            /** Options */
            options?: {
                [key: string]: unknown;
            } | null;
            /**
             * Pinned
             * @default false
             */
            pinned: boolean;
            /** System */
            system?: string | null;
            /**
             * Title
             * @default
             */
            title: string;
            /**
             * Version
             * @default 1
             * @constant
             */
            version: 1;
        };
        /** ChatPage */
        ChatPage: {
            /** Items */
            items: components["schemas"]["ChatPublic"][];
            /** Next Cursor */
            next_cursor: string | null;
        };
        /** ChatPublic */
        ChatPublic: {
            /** Archived */
            archived: boolean;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Id */
            id: number;
            /**
             * Message Count
             * @default 0
             */
            message_count: number;
            /** Model */
            model: string | null;
            /** Options */
            options?: {
                [key: string]: unknown;
            } | null;
            /** Pinned */
            pinned: boolean;
            /** Preview */
            preview?: string | null;
            /**
             * Running
             * @default false
             */
            running: boolean;
            /** Snippet */
            snippet?: string | null;
            /** System */
            system?: string | null;
            /** Title */
            title: string;
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
        };
        /** ChatUpdate */
        ChatUpdate: {
            /** Archived */
            archived?: boolean | null;
            /** Current Message Id */
            current_message_id?: number | null;
            /** Model */
            model?: string | null;
            /** Options */
            options?: {
                [key: string]: unknown;
            } | null;
            /** Pinned */
            pinned?: boolean | null;
            /** System */
            system?: string | null;
            /** Title */
            title?: string | null;
        };
        /**
         * CloudStatus
         * @description Ollama's own ``GET /api/status`` answer, kept so that Ollama clients calling it work.
         */
        CloudStatus: {
            /** Disabled */
            disabled: boolean;
            /** Source */
            source: string;
        };
        /** DeleteResult */
        DeleteResult: {
            /** Model */
            model: string;
            /** Results */
            results: components["schemas"]["NodeOutcome"][];
        };
        /** ExportImage */
        ExportImage: {
            /**
             * Data
             * @description base64 of a PNG, JPEG, WebP or GIF image
             */
            data: string;
            /** Media Type */
            media_type: string;
        };
        /** ExportMessage */
        ExportMessage: {
            /** Content */
            content: string;
            /** Created At */
            created_at?: string | null;
            /** Error */
            error?: string | null;
            /** Id */
            id: number;
            /** Images */
            images?: components["schemas"]["ExportImage"][];
            /** Model */
            model?: string | null;
            /** Parent Id */
            parent_id?: number | null;
            performance?: components["schemas"]["Performance"] | null;
            /**
             * Role
             * @enum {string}
             */
            role: "user" | "assistant" | "system";
            /**
             * Status
             * @default complete
             * @enum {string}
             */
            status: "complete" | "streaming" | "stopped" | "error" | "interrupted";
        };
        /** GeneratedPassword */
        GeneratedPassword: {
            /** Password */
            password: string;
        };
        /**
         * HostTest
         * @description The "test connection" of the caller's own Ollama host (seed 004).
         */
        HostTest: {
            /** Connected */
            connected: boolean;
            /**
             * Error
             * @description Why the connection failed
             */
            error?: string | null;
            /** Url */
            url: string;
            /** Version */
            version?: string | null;
        };
        /** ImageRef */
        ImageRef: {
            /** Id */
            id: number;
            /** Media Type */
            media_type: string;
            /** Size */
            size: number;
        };
        /**
         * LatencyStats
         * @description Milliseconds; percentiles read from log-scale histograms (buckets 1.5x wide: about
         *     ±10 % for spread values, at worst the bucket's width).
         */
        LatencyStats: {
            /** Mean */
            mean: number | null;
            /** P50 */
            p50: number | null;
            /** P95 */
            p95: number | null;
            /** P99 */
            p99: number | null;
        };
        /**
         * LimitSet
         * @description Limits for one principal; ``None`` means unlimited.
         */
        LimitSet: {
            /** Concurrent Streams */
            concurrent_streams?: number | null;
            /** Requests Per Day */
            requests_per_day?: number | null;
            /** Requests Per Hour */
            requests_per_hour?: number | null;
            /** Requests Per Minute */
            requests_per_minute?: number | null;
            /** Tokens Per Day */
            tokens_per_day?: number | null;
            /** Tokens Per Month */
            tokens_per_month?: number | null;
        };
        /**
         * LimitState
         * @description The limits and quotas of one user (and key), and how much of each is used now.
         */
        LimitState: {
            /**
             * Backend
             * @enum {string}
             */
            backend: "memory" | "redis" | "disabled";
            /** Buckets */
            buckets: components["schemas"]["BucketState"][];
            /** Key Id */
            key_id: number | null;
            key_limits: components["schemas"]["LimitSet"] | null;
            /** User Id */
            user_id: number;
            user_limits: components["schemas"]["LimitSet"];
        };
        /**
         * LimitsIn
         * @description A :class:`LimitSet` as input: only the fields sent are stored; none may be negative
         *     (stated as ``minimum: 0`` in the schema, not checked after it).
         */
        LimitsIn: {
            /** Concurrent Streams */
            concurrent_streams?: number | null;
            /** Requests Per Day */
            requests_per_day?: number | null;
            /** Requests Per Hour */
            requests_per_hour?: number | null;
            /** Requests Per Minute */
            requests_per_minute?: number | null;
            /** Tokens Per Day */
            tokens_per_day?: number | null;
            /** Tokens Per Month */
            tokens_per_month?: number | null;
        };
        /** Liveness */
        Liveness: {
            /**
             * Status
             * @default ok
             * @constant
             */
            status: "ok";
        };
        /** LogContent */
        LogContent: {
            /** Prompt */
            prompt: string | null;
            /** Response */
            response: string | null;
            /** Truncated */
            truncated: boolean;
        };
        /** LogDetail */
        LogDetail: {
            /** Cache Hit */
            cache_hit: boolean;
            /** Completion Tokens */
            completion_tokens: number;
            content?: components["schemas"]["LogContent"] | null;
            /** Error */
            error: string | null;
            /** Id */
            id: number;
            /** Key Id */
            key_id: number | null;
            /** Latency Ms */
            latency_ms: number;
            /** Model */
            model: string | null;
            /** Prompt Tokens */
            prompt_tokens: number;
            /** Request Id */
            request_id: string | null;
            /** Route */
            route: string;
            /**
             * Started At
             * Format: date-time
             */
            started_at: string;
            /** Status */
            status: number;
            /** Ttft Ms */
            ttft_ms: number | null;
            /** Upstream */
            upstream: string | null;
            /** User Id */
            user_id: number | null;
            /** Username */
            username?: string | null;
        };
        /**
         * LogEntry
         * @description One gateway request, as metered (``usage_records``).
         */
        LogEntry: {
            /** Cache Hit */
            cache_hit: boolean;
            /** Completion Tokens */
            completion_tokens: number;
            /** Error */
            error: string | null;
            /** Id */
            id: number;
            /** Key Id */
            key_id: number | null;
            /** Latency Ms */
            latency_ms: number;
            /** Model */
            model: string | null;
            /** Prompt Tokens */
            prompt_tokens: number;
            /** Request Id */
            request_id: string | null;
            /** Route */
            route: string;
            /**
             * Started At
             * Format: date-time
             */
            started_at: string;
            /** Status */
            status: number;
            /** Ttft Ms */
            ttft_ms: number | null;
            /** Upstream */
            upstream: string | null;
            /** User Id */
            user_id: number | null;
            /** Username */
            username?: string | null;
        };
        /** LogPage */
        LogPage: {
            /** Items */
            items: components["schemas"]["LogEntry"][];
            /** Next Cursor */
            next_cursor: string | null;
        };
        /** MessageCreate */
        MessageCreate: {
            /** Content */
            content: string;
            /** Images */
            images?: string[] | null;
            /** Model */
            model?: string | null;
            /** Options */
            options?: {
                [key: string]: unknown;
            } | null;
            /**
             * Stream
             * @default true
             */
            stream: boolean;
        };
        /** MessageEdit */
        MessageEdit: {
            /** Content */
            content: string;
            /** Model */
            model?: string | null;
            /** Options */
            options?: {
                [key: string]: unknown;
            } | null;
            /**
             * Stream
             * @default true
             */
            stream: boolean;
        };
        /** MessagePublic */
        MessagePublic: {
            /** Content */
            content: string;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Error */
            error?: string | null;
            /** Id */
            id: number;
            /** Images */
            images?: components["schemas"]["ImageRef"][];
            /** Model */
            model: string | null;
            /** Parent Id */
            parent_id: number | null;
            performance?: components["schemas"]["Performance"] | null;
            /**
             * Role
             * @enum {string}
             */
            role: "user" | "assistant" | "system";
            /** Siblings */
            siblings?: number[];
            /**
             * Status
             * @enum {string}
             */
            status: "complete" | "streaming" | "stopped" | "error" | "interrupted";
        };
        /** ModelPublic */
        ModelPublic: {
            /** Allowed Roles */
            allowed_roles?: string[] | null;
            /** Description */
            description?: string | null;
            /** Digest */
            digest?: string | null;
            /**
             * Enabled
             * @default true
             */
            enabled: boolean;
            /** Family */
            family?: string | null;
            /** Modified At */
            modified_at?: string | null;
            /** Name */
            name: string;
            /**
             * Nodes
             * @description names of the upstream nodes holding the model
             */
            nodes: string[];
            /** Parameter Size */
            parameter_size?: string | null;
            /** Quantization Level */
            quantization_level?: string | null;
            /** Size */
            size?: number | null;
        };
        /** ModelsPublic */
        ModelsPublic: {
            /**
             * Gateway Version
             * @description admins only
             */
            gateway_version?: string | null;
            /** Models */
            models: components["schemas"]["ModelPublic"][];
            /**
             * Upstreams
             * @description admins only
             */
            upstreams?: components["schemas"]["NodeVersion"][] | null;
        };
        /**
         * NodeHealth
         * @description What this process's upstream pool knows of the node right now.
         */
        NodeHealth: {
            /** Breaker Open */
            breaker_open: boolean;
            /** Checked At */
            checked_at: string | null;
            /**
             * Healthy
             * @description null: not checked yet
             */
            healthy: boolean | null;
            /** In Flight */
            in_flight: number;
            /** Last Error */
            last_error: string | null;
            /** Max In Flight */
            max_in_flight: number;
            /** Models */
            models: string[];
            /** Version */
            version: string | null;
        };
        /** NodeOutcome */
        NodeOutcome: {
            /** Error */
            error?: string | null;
            /** Node */
            node: string;
            /**
             * Status
             * @description deleted, not_found or error
             */
            status: string;
        };
        /** NodeVersion */
        NodeVersion: {
            /** Name */
            name: string;
            /** Version */
            version: string | null;
        };
        OllamaError: {
            error: string;
        };
        OpenAIError: {
            error: {
                code?: string | number | null;
                message: string;
                param?: string | null;
                type: string;
            };
        };
        /** PasswordChange */
        PasswordChange: {
            /** Current Password */
            current_password: string;
            /** New Password */
            new_password: string;
        };
        /** Performance */
        Performance: {
            /** Completion Tokens */
            completion_tokens?: number | null;
            /** Prompt Tokens */
            prompt_tokens?: number | null;
            /** Tokens Per Second */
            tokens_per_second?: number | null;
            /** Total Duration Ms */
            total_duration_ms?: number | null;
            /** Ttft Ms */
            ttft_ms?: number | null;
        };
        /**
         * Permission
         * @enum {string}
         */
        Permission: "generate" | "chats:write" | "chats:read" | "models:view" | "models:manage" | "models:delete" | "api_keys" | "usage:read" | "analytics:read" | "admin:users" | "admin:keys" | "admin:logs" | "admin:system" | "metrics:read";
        PortalError: {
            error: {
                /** @description structured details, or null */
                details: unknown;
                /** @description the X-Request-ID */
                error_id: string;
                message: string;
                /** Format: date-time */
                timestamp: string;
                /** @example not_found */
                type: string;
            };
        };
        /**
         * PrincipalPublic
         * @description The caller as authentication sees it (``GET /api/auth/whoami``).
         */
        PrincipalPublic: {
            /** Allowed Models */
            allowed_models: string[] | null;
            /** Key Id */
            key_id: number | null;
            /** Method */
            method: string;
            /** Permissions */
            permissions: string[];
            /** Role */
            role: string;
            /** User Id */
            user_id: number;
            /** Username */
            username: string;
        };
        /** PullCancelled */
        PullCancelled: {
            /** Cancelled */
            cancelled: boolean;
            /** Pull Id */
            pull_id: string;
        };
        /** PullRequest */
        PullRequest: {
            /** Model */
            model: string;
            /**
             * Nodes
             * @description Node names; absent: every enabled node
             */
            nodes?: string[] | null;
        };
        /** QueryRequest */
        QueryRequest: {
            /**
             * Limit
             * @description rows to return at most
             * @default 1000
             */
            limit: number;
            /**
             * Sql
             * @description one SELECT or WITH ... SELECT
             */
            sql: string;
        };
        /** QueryResult */
        QueryResult: {
            /** Columns */
            columns: string[];
            /** Elapsed Ms */
            elapsed_ms: number;
            /** Rows */
            rows: unknown[][];
            /**
             * Truncated
             * @description the statement had more rows than `limit`
             */
            truncated: boolean;
        };
        /** ReadinessReport */
        ReadinessReport: {
            /** Checks */
            checks: {
                [key: string]: boolean;
            };
            /** Draining */
            draining: boolean;
            /**
             * Status
             * @enum {string}
             */
            status: "ready" | "not_ready";
        };
        /** RefreshRequest */
        RefreshRequest: {
            /** Refresh Token */
            refresh_token?: string | null;
        };
        /** Regenerate */
        Regenerate: {
            /** Model */
            model?: string | null;
            /** Options */
            options?: {
                [key: string]: unknown;
            } | null;
            /**
             * Stream
             * @default true
             */
            stream: boolean;
        };
        /** RegisterRequest */
        RegisterRequest: {
            /**
             * Email
             * Format: email
             */
            email: string;
            /** Password */
            password: string;
            /** Username */
            username: string;
        };
        /**
         * Role
         * @enum {string}
         */
        Role: "admin" | "developer" | "user" | "read-only";
        /**
         * RoleLimits
         * @description Default limits of one role; a field left out keeps the global ``RATE_LIMIT_*`` value,
         *     ``null`` means unlimited, ``0`` means none allowed.
         */
        RoleLimits: {
            /** Concurrent Streams */
            concurrent_streams?: number | null;
            /** Requests Per Day */
            requests_per_day?: number | null;
            /** Requests Per Hour */
            requests_per_hour?: number | null;
            /** Requests Per Minute */
            requests_per_minute?: number | null;
            /** Tokens Per Day */
            tokens_per_day?: number | null;
            /** Tokens Per Month */
            tokens_per_month?: number | null;
        };
        /**
         * RuntimeSettingsPublic
         * @description The effective values (environment, overridden by what an admin stored).
         */
        RuntimeSettingsPublic: {
            /** Audit Retention Days */
            audit_retention_days: number;
            /** Default Model */
            default_model: string | null;
            /**
             * Default Role
             * @enum {string}
             */
            default_role: "admin" | "developer" | "user" | "read-only";
            /** Log Content */
            log_content: boolean;
            /**
             * Overridden
             * @description Settings whose value comes from the database, not the environment
             */
            overridden: ("registration_open" | "default_role" | "role_limits" | "log_content" | "usage_retention_days" | "audit_retention_days" | "default_model" | "user_hosts_enabled" | "user_hosts_allowlist")[];
            /** Registration Open */
            registration_open: boolean;
            /**
             * Role Limits
             * @description Effective default limits of each role (null: unlimited)
             */
            role_limits: {
                [key: string]: components["schemas"]["LimitSet"];
            };
            /** Updated At */
            updated_at: string | null;
            /** Usage Retention Days */
            usage_retention_days: number;
            /** User Hosts Allowlist */
            user_hosts_allowlist: string[];
            /** User Hosts Enabled */
            user_hosts_enabled: boolean;
        };
        /**
         * RuntimeSettingsUpdate
         * @description ``PATCH /api/admin/settings``: fields left out (or null) keep their value; names listed in
         *     ``reset`` go back to the environment's value.  ``role_limits`` replaces the defaults of the
         *     roles it names (roles not named keep theirs).
         */
        RuntimeSettingsUpdate: {
            /** Audit Retention Days */
            audit_retention_days?: number | null;
            /** Default Model */
            default_model?: string | null;
            /** Default Role */
            default_role?: ("developer" | "user" | "read-only") | null;
            /** Log Content */
            log_content?: boolean | null;
            /** Registration Open */
            registration_open?: boolean | null;
            /** Reset */
            reset?: ("registration_open" | "default_role" | "role_limits" | "log_content" | "usage_retention_days" | "audit_retention_days" | "default_model" | "user_hosts_enabled" | "user_hosts_allowlist")[];
            /**
             * Role Limits
             * @description Default limits of these roles (admins are not limited from here: an operator must not lock the operators out)
             */
            role_limits?: {
                [key: string]: components["schemas"]["RoleLimits"];
            } | null;
            /** Usage Retention Days */
            usage_retention_days?: number | null;
            /**
             * User Hosts Allowlist
             * @example [
             *       "10.0.0.0/8",
             *       "192.168.1.0/24"
             *     ]
             */
            user_hosts_allowlist?: string[] | null;
            /** User Hosts Enabled */
            user_hosts_enabled?: boolean | null;
        };
        /** SeedMessage */
        SeedMessage: {
            /** Content */
            content: string;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Id */
            id: number;
            /** Is User */
            is_user: boolean;
            /** Model Name */
            model_name?: string | null;
        };
        /** SeedPerformance */
        SeedPerformance: {
            /** Eval Count */
            eval_count: number | null;
            /** Total Duration */
            total_duration: number | null;
        };
        /** SeedReply */
        SeedReply: {
            ai_message: components["schemas"]["SeedMessage"];
            performance: components["schemas"]["SeedPerformance"];
            user_message: components["schemas"]["SeedMessage"];
        };
        /**
         * SendMessage
         * @description Seed 004's ``POST /api/send-message``.
         */
        SendMessage: {
            /** Chat Id */
            chat_id: number;
            /** Message */
            message: string;
            /** Model */
            model?: string | null;
            /**
             * Use Internet Search
             * @default false
             */
            use_internet_search: boolean;
        };
        /** SettingsPublic */
        SettingsPublic: {
            /** Default Model */
            default_model?: string | null;
            /** Extra */
            extra?: {
                [key: string]: unknown;
            } | null;
            /**
             * Ollama Host
             * @description The caller's own Ollama (used while an admin allows it)
             */
            ollama_host?: string | null;
            /** System Prompt */
            system_prompt?: string | null;
            /** Theme */
            theme?: string | null;
        };
        /**
         * SettingsUpdate
         * @description ``PUT /api/auth/me/settings``: replaces the settings (absent fields become empty).
         */
        SettingsUpdate: {
            /** Default Model */
            default_model?: string | null;
            /**
             * Extra
             * @description Free-form preferences: JSON nested at most 10 levels, at most 16384 bytes as compact JSON, no NaN or Infinity
             */
            extra?: {
                [key: string]: unknown;
            } | null;
            /**
             * Ollama Host
             * @description Your own Ollama URL for your generation requests. Only when an admin allows personal hosts (403 otherwise), and only addresses inside the allowed networks: loopback, link-local and the gateway's own addresses are refused (422)
             * @example http://192.168.1.100:11434
             */
            ollama_host?: string | null;
            /** System Prompt */
            system_prompt?: string | null;
            /** Theme */
            theme?: ("light" | "dark" | "system") | null;
        };
        /** StatusPublic */
        StatusPublic: {
            /** @description Ollama's field, from the first node that answers (else disabled) */
            cloud: components["schemas"]["CloudStatus"];
            /**
             * Database
             * @enum {string}
             */
            database: "ok" | "unavailable";
            /**
             * Gateway
             * @default ok
             * @constant
             */
            gateway: "ok";
            /** @description The caller's own Ollama host, tested now (when set) */
            personal_host?: components["schemas"]["HostTest"] | null;
            /** Upstreams */
            upstreams: components["schemas"]["UpstreamStatus"][];
            /** Version */
            version: string;
        };
        /** Stopped */
        Stopped: {
            /** Stopped */
            stopped: boolean;
        };
        /**
         * StrictLimits
         * @description A user's own limits; only those sent are stored.
         */
        StrictLimits: {
            /** Concurrent Streams */
            concurrent_streams?: number | null;
            /** Requests Per Day */
            requests_per_day?: number | null;
            /** Requests Per Hour */
            requests_per_hour?: number | null;
            /** Requests Per Minute */
            requests_per_minute?: number | null;
            /** Tokens Per Day */
            tokens_per_day?: number | null;
            /** Tokens Per Month */
            tokens_per_month?: number | null;
        };
        /**
         * SystemFigures
         * @description Of the process that answered (each worker process has its own).
         */
        SystemFigures: {
            /** Database Bytes */
            database_bytes: number | null;
            /** Process Cpu Percent */
            process_cpu_percent: number | null;
            /** Process Cpu Seconds */
            process_cpu_seconds: number;
            /** Rss Bytes */
            rss_bytes: number | null;
            /**
             * Sampled At
             * @description Unix time of the reading
             */
            sampled_at: number;
            /** Upstreams */
            upstreams: components["schemas"]["UpstreamFigures"][];
            /** Uptime Seconds */
            uptime_seconds: number | null;
            /** Usage Dropped */
            usage_dropped: number;
            /** Usage Queue Depth */
            usage_queue_depth: number;
            /** Usage Write Errors */
            usage_write_errors: number;
            /** Usage Written */
            usage_written: number;
        };
        /** TelemetryGroup */
        TelemetryGroup: {
            /** Cache Hit Rate */
            cache_hit_rate: number;
            /** Cache Hits */
            cache_hits: number;
            /** Completion Tokens */
            completion_tokens: number;
            /** Error Rate */
            error_rate: number;
            /**
             * Errors
             * @description requests answered 4xx or 5xx
             */
            errors: number;
            /** Group */
            group: string;
            /** Label */
            label?: string | null;
            latency_ms: components["schemas"]["LatencyStats"];
            /** Prompt Tokens */
            prompt_tokens: number;
            /** Requests */
            requests: number;
            /** Status */
            status: {
                [key: string]: number;
            };
            /** Tokens Per Second */
            tokens_per_second: number | null;
            ttft_ms: components["schemas"]["TtftStats"];
        };
        /** TelemetryPoint */
        TelemetryPoint: {
            /** Cache Hit Rate */
            cache_hit_rate: number;
            /** Cache Hits */
            cache_hits: number;
            /** Completion Tokens */
            completion_tokens: number;
            /** Error Rate */
            error_rate: number;
            /**
             * Errors
             * @description requests answered 4xx or 5xx
             */
            errors: number;
            /** Group */
            group?: string | null;
            latency_ms: components["schemas"]["LatencyStats"];
            /** Prompt Tokens */
            prompt_tokens: number;
            /** Requests */
            requests: number;
            /** Status */
            status: {
                [key: string]: number;
            };
            /**
             * T
             * Format: date-time
             * @description start of the hour or day (UTC)
             */
            t: string;
            /** Tokens Per Second */
            tokens_per_second: number | null;
            ttft_ms: components["schemas"]["TtftStats"];
        };
        /** TelemetryPublic */
        TelemetryPublic: {
            /**
             * Bucket
             * @enum {string}
             */
            bucket: "hour" | "day";
            /**
             * End
             * Format: date-time
             * @description end of the last hour or day included (exclusive)
             */
            end: string;
            /** Group By */
            group_by: ("model" | "user" | "node" | "route" | "status") | null;
            /** Groups */
            groups: components["schemas"]["TelemetryGroup"][];
            /** Series */
            series: components["schemas"]["TelemetryPoint"][];
            /**
             * Start
             * Format: date-time
             * @description first hour or day included (UTC)
             */
            start: string;
            system: components["schemas"]["SystemFigures"];
            totals: components["schemas"]["TelemetryStats"];
        };
        /** TelemetryStats */
        TelemetryStats: {
            /** Cache Hit Rate */
            cache_hit_rate: number;
            /** Cache Hits */
            cache_hits: number;
            /** Completion Tokens */
            completion_tokens: number;
            /** Error Rate */
            error_rate: number;
            /**
             * Errors
             * @description requests answered 4xx or 5xx
             */
            errors: number;
            latency_ms: components["schemas"]["LatencyStats"];
            /** Prompt Tokens */
            prompt_tokens: number;
            /** Requests */
            requests: number;
            /** Status */
            status: {
                [key: string]: number;
            };
            /** Tokens Per Second */
            tokens_per_second: number | null;
            ttft_ms: components["schemas"]["TtftStats"];
        };
        /** TokenPair */
        TokenPair: {
            /** Access Token */
            access_token: string;
            /** Csrf Token */
            csrf_token?: string | null;
            /** Expires In */
            expires_in: number;
            /** Refresh Token */
            refresh_token: string;
            /**
             * Token Type
             * @default bearer
             */
            token_type: string;
        };
        /**
         * TtftStats
         * @description Time to first token, milliseconds (streamed requests only).
         */
        TtftStats: {
            /** Mean */
            mean: number | null;
            /** P50 */
            p50: number | null;
            /** P95 */
            p95: number | null;
        };
        /** TurnResult */
        TurnResult: {
            assistant_message: components["schemas"]["MessagePublic"];
            performance: components["schemas"]["Performance"];
            user_message: components["schemas"]["MessagePublic"];
        };
        /**
         * UpstreamAdminPublic
         * @description A node: stored (``id`` set, editable) or from ``OLLAMA_API_BASE_URL`` (``id`` null).
         */
        UpstreamAdminPublic: {
            /** Ca Bundle */
            ca_bundle: string | null;
            /** Created At */
            created_at: string | null;
            /** Enabled */
            enabled: boolean;
            /**
             * Has Api Key
             * @description Whether a secret is stored (it is never returned)
             */
            has_api_key: boolean;
            /** Id */
            id: number | null;
            /** Kind */
            kind: string;
            /** Max In Flight */
            max_in_flight: number | null;
            /** Name */
            name: string;
            /** Priority */
            priority: number;
            /**
             * Source
             * @enum {string}
             */
            source: "database" | "environment";
            /** @description null while the node is disabled */
            status: components["schemas"]["NodeHealth"] | null;
            /** Tls Verify */
            tls_verify: boolean;
            /** Updated At */
            updated_at: string | null;
            /** Url */
            url: string;
        };
        /** UpstreamFigures */
        UpstreamFigures: {
            /** Healthy */
            healthy: boolean | null;
            /** In Flight */
            in_flight: number;
            /** Last Error */
            last_error: string | null;
            /** Max In Flight */
            max_in_flight: number;
            /** Name */
            name: string;
            /** Version */
            version: string | null;
        };
        /** UpstreamNodeCreate */
        UpstreamNodeCreate: {
            /**
             * Api Key
             * @description Secret sent to engines that need one; never shown again
             */
            api_key?: string | null;
            /**
             * Ca Bundle
             * @description HTTPS: PEM file on the gateway of the CA signing the node
             */
            ca_bundle?: string | null;
            /**
             * Enabled
             * @default true
             */
            enabled: boolean;
            /**
             * Kind
             * @default ollama
             * @enum {string}
             */
            kind: "ollama" | "openai";
            /** Max In Flight */
            max_in_flight?: number | null;
            /** Name */
            name: string;
            /**
             * Priority
             * @description Higher is preferred
             * @default 0
             */
            priority: number;
            /**
             * Tls Verify
             * @description HTTPS: check the node's certificate
             * @default true
             */
            tls_verify: boolean;
            /**
             * Url
             * @example http://127.0.0.1:11434
             */
            url: string;
        };
        /**
         * UpstreamNodeUpdate
         * @description Unset fields keep their value; ``api_key: ""`` removes the stored secret.
         */
        UpstreamNodeUpdate: {
            /** Api Key */
            api_key?: string | null;
            /** Ca Bundle */
            ca_bundle?: string | null;
            /** Enabled */
            enabled?: boolean | null;
            /** Kind */
            kind?: ("ollama" | "openai") | null;
            /** Max In Flight */
            max_in_flight?: number | null;
            /** Name */
            name?: string | null;
            /** Priority */
            priority?: number | null;
            /** Tls Verify */
            tls_verify?: boolean | null;
            /** Url */
            url?: string | null;
        };
        /** UpstreamStatus */
        UpstreamStatus: {
            /** Breaker Open */
            breaker_open: boolean;
            /**
             * Healthy
             * @description null until the first health check
             */
            healthy: boolean | null;
            /** In Flight */
            in_flight: number;
            /**
             * Last Error
             * @description admins only
             */
            last_error?: string | null;
            /** Max In Flight */
            max_in_flight: number;
            /** Models */
            models: number;
            /** Name */
            name: string;
            /**
             * Url
             * @description admins only
             */
            url?: string | null;
            /** Version */
            version: string | null;
        };
        /** UsageFigures */
        UsageFigures: {
            /** Completion Tokens */
            completion_tokens: number;
            /** Errors */
            errors: number;
            /** Prompt Tokens */
            prompt_tokens: number;
            /** Requests */
            requests: number;
        };
        /** UsageGroup */
        UsageGroup: {
            /** Completion Tokens */
            completion_tokens: number;
            /** Errors */
            errors: number;
            /** Group */
            group: string;
            /** Label */
            label?: string | null;
            /** Prompt Tokens */
            prompt_tokens: number;
            /** Requests */
            requests: number;
        };
        /** UsagePoint */
        UsagePoint: {
            /** Completion Tokens */
            completion_tokens: number;
            /** Errors */
            errors: number;
            /** Group */
            group?: string | null;
            /** Prompt Tokens */
            prompt_tokens: number;
            /** Requests */
            requests: number;
            /**
             * T
             * Format: date-time
             */
            t: string;
        };
        /**
         * UsagePublic
         * @description The caller's own usage, never anyone else's.
         */
        UsagePublic: {
            /**
             * Bucket
             * @enum {string}
             */
            bucket: "hour" | "day";
            /** By Time */
            by_time: components["schemas"]["UsagePoint"][];
            /**
             * End
             * Format: date-time
             */
            end: string;
            /**
             * Group By
             * @enum {string}
             */
            group_by: "model" | "key";
            /** Groups */
            groups: components["schemas"]["UsageGroup"][];
            limits: components["schemas"]["LimitState"];
            /** Series */
            series: components["schemas"]["UsagePoint"][];
            /**
             * Start
             * Format: date-time
             */
            start: string;
            totals: components["schemas"]["UsageFigures"];
            /** User Id */
            user_id: number;
        };
        /** UserPublic */
        UserPublic: {
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Email */
            email: string;
            /** Id */
            id: number;
            /** Is Active */
            is_active: boolean;
            /** Last Login At */
            last_login_at: string | null;
            /** Role */
            role: string;
            /** Username */
            username: string;
        };
        /**
         * UserUpdate
         * @description ``PATCH /api/auth/me``: the fields a user may change about themself.
         */
        UserUpdate: {
            /** Email */
            email?: string | null;
            /** Username */
            username?: string | null;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    list_keys_api_admin_api_keys_get: {
        parameters: {
            query?: {
                /** @description Owner */
                user_id?: number | null;
                /** @description In name, prefix, owner */
                q?: string | null;
                /** @description Neither revoked nor expired */
                active?: boolean | null;
                /** @description Items per page */
                limit?: number;
                /** @description `next_cursor` of the previous page (opaque) */
                cursor?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminKeyPage"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request validation failed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    revoke_key_api_admin_api_keys__key_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description API key id */
                key_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Conflicts with an existing record */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request validation failed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    list_audit_api_admin_audit_get: {
        parameters: {
            query?: {
                /** @description Any of */
                kind?: components["schemas"]["AuditKind"][] | null;
                actor_user_id?: number | null;
                /** @description e.g. `user:12` */
                target?: string | null;
                /** @description Inclusive */
                from?: string | null;
                /** @description Exclusive */
                to?: string | null;
                /** @description Items per page */
                limit?: number;
                /** @description `next_cursor` of the previous page (opaque) */
                cursor?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditPage"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request validation failed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    flush_cache_api_admin_cache_delete: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CacheFlushPublic"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    list_logs_api_admin_logs_get: {
        parameters: {
            query?: {
                user_id?: number | null;
                key_id?: number | null;
                model?: string | null;
                route?: string | null;
                status?: number | null;
                node?: string | null;
                /** @description Inclusive */
                from?: string | null;
                /** @description Exclusive */
                to?: string | null;
                /** @description Items per page */
                limit?: number;
                /** @description `next_cursor` of the previous page (opaque) */
                cursor?: string | null;
                format?: "json" | "csv";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of the log (JSON), or every matching entry (`format=csv`) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LogPage"];
                    "text/csv": string;
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request validation failed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    read_log_api_admin_logs__record_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                record_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LogDetail"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request validation failed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    pull_model_api_admin_model_pulls_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PullRequest"];
            };
        };
        responses: {
            /** @description NDJSON progress of every node (PullLine per line), then a summary */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/x-ndjson": {
                        /** Completed */
                        completed?: number | null;
                        /** Digest */
                        digest?: string | null;
                        /** Error */
                        error?: string | null;
                        /** Node */
                        node: string | null;
                        /** Pull Id */
                        pull_id?: string | null;
                        /** Status */
                        status: string;
                        /** Total */
                        total?: number | null;
                    }[];
                };
            };
            /** @description Malformed request: invalid JSON, or a parameter or field of the wrong shape */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request body larger than MAX_REQUEST_BODY_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request validation failed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    cancel_pull_api_admin_model_pulls__pull_id__cancel_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                pull_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PullCancelled"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request validation failed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description No upstream Ollama server is available */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    list_models_api_admin_models_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminModelPublic"][];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    read_model_api_admin_models__name__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminModelPublic"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request validation failed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    update_model_api_admin_models__name__put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AdminModelUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminModelPublic"];
                };
            };
            /** @description Malformed request: invalid JSON, or a parameter or field of the wrong shape */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Conflicts with an existing record */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request body larger than MAX_REQUEST_BODY_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request validation failed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    delete_model_api_admin_models__name__delete: {
        parameters: {
            query?: {
                node?: string[] | null;
            };
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeleteResult"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request validation failed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    run_query_api_admin_query_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["QueryRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QueryResult"];
                };
            };
            /** @description Malformed request: invalid JSON, or a parameter or field of the wrong shape */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request body larger than MAX_REQUEST_BODY_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request validation failed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description the console cannot run on this database */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    read_settings_api_admin_settings_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RuntimeSettingsPublic"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    update_settings_api_admin_settings_patch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RuntimeSettingsUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RuntimeSettingsPublic"];
                };
            };
            /** @description Malformed request: invalid JSON, or a parameter or field of the wrong shape */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Conflicts with an existing record */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request body larger than MAX_REQUEST_BODY_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request validation failed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    telemetry_api_admin_telemetry_get: {
        parameters: {
            query?: {
                from?: string | null;
                to?: string | null;
                bucket?: "hour" | "day";
                group_by?: ("model" | "user" | "node" | "route" | "status") | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TelemetryPublic"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request validation failed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    list_upstreams_api_admin_upstreams_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UpstreamAdminPublic"][];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    create_upstream_api_admin_upstreams_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpstreamNodeCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UpstreamAdminPublic"];
                };
            };
            /** @description Malformed request: invalid JSON, or a parameter or field of the wrong shape */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Conflicts with an existing record */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request body larger than MAX_REQUEST_BODY_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request validation failed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    delete_upstream_api_admin_upstreams__node_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A stored upstream node's id */
                node_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Conflicts with an existing record */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request validation failed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    update_upstream_api_admin_upstreams__node_id__patch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A stored upstream node's id */
                node_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpstreamNodeUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UpstreamAdminPublic"];
                };
            };
            /** @description Malformed request: invalid JSON, or a parameter or field of the wrong shape */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Conflicts with an existing record */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request body larger than MAX_REQUEST_BODY_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request validation failed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    list_users_api_admin_users_get: {
        parameters: {
            query?: {
                /** @description In username or email */
                q?: string | null;
                role?: components["schemas"]["Role"] | null;
                active?: boolean | null;
                /** @description Items per page */
                limit?: number;
                /** @description `next_cursor` of the previous page (opaque) */
                cursor?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminUserPage"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request validation failed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    create_user_api_admin_users_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AdminUserCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminUserCreated"];
                };
            };
            /** @description Malformed request: invalid JSON, or a parameter or field of the wrong shape */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Conflicts with an existing record */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request body larger than MAX_REQUEST_BODY_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request validation failed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    read_user_api_admin_users__user_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description User id */
                user_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminUserPublic"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request validation failed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    delete_user_api_admin_users__user_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description User id */
                user_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Conflicts with an existing record */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request validation failed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    update_user_api_admin_users__user_id__patch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description User id */
                user_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AdminUserUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminUserPublic"];
                };
            };
            /** @description Malformed request: invalid JSON, or a parameter or field of the wrong shape */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Conflicts with an existing record */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request body larger than MAX_REQUEST_BODY_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request validation failed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    read_user_limits_api_admin_users__user_id__limits_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LimitState"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request validation failed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    reset_password_api_admin_users__user_id__reset_password_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description User id */
                user_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GeneratedPassword"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Conflicts with an existing record */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request validation failed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    list_keys_api_auth_api_keys_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyPage"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    create_key_api_auth_api_keys_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ApiKeyCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyCreated"];
                };
            };
            /** @description Malformed request: invalid JSON, or a parameter or field of the wrong shape */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Conflicts with an existing record */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request body larger than MAX_REQUEST_BODY_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request validation failed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    revoke_key_api_auth_api_keys__key_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Conflicts with an existing record */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request validation failed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    update_key_api_auth_api_keys__key_id__patch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ApiKeyUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyPublic"];
                };
            };
            /** @description Malformed request: invalid JSON, or a parameter or field of the wrong shape */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Conflicts with an existing record */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request body larger than MAX_REQUEST_BODY_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request validation failed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    login_api_auth_login_post: {
        parameters: {
            query?: {
                /** @description also set the browser session cookies */
                cookie?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Password */
                    password: string;
                    /**
                     * Remember
                     * @default false
                     */
                    remember?: boolean;
                    /**
                     * Set Cookie
                     * @default false
                     */
                    set_cookie?: boolean;
                    /** Username */
                    username: string;
                };
                "application/x-www-form-urlencoded": {
                    /** Format: password */
                    password: string;
                    /** @description username or email */
                    username: string;
                };
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenPair"];
                };
            };
            /** @description Malformed request: invalid JSON, or a parameter or field of the wrong shape */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request body larger than MAX_REQUEST_BODY_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request validation failed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Rate limit or quota exceeded (see Retry-After) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    logout_api_auth_logout_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["RefreshRequest"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Malformed request: invalid JSON, or a parameter or field of the wrong shape */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Conflicts with an existing record */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request body larger than MAX_REQUEST_BODY_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request validation failed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    read_me_api_auth_me_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserPublic"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    update_me_api_auth_me_patch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UserUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserPublic"];
                };
            };
            /** @description Malformed request: invalid JSON, or a parameter or field of the wrong shape */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Conflicts with an existing record */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request body larger than MAX_REQUEST_BODY_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request validation failed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    change_password_api_auth_me_password_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PasswordChange"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Malformed request: invalid JSON, or a parameter or field of the wrong shape */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Conflicts with an existing record */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request body larger than MAX_REQUEST_BODY_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request validation failed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    read_settings_api_auth_me_settings_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SettingsPublic"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    write_settings_api_auth_me_settings_put: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SettingsUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SettingsPublic"];
                };
            };
            /** @description Malformed request: invalid JSON, or a parameter or field of the wrong shape */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Conflicts with an existing record */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request body larger than MAX_REQUEST_BODY_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request validation failed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    refresh_api_auth_refresh_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["RefreshRequest"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenPair"];
                };
            };
            /** @description Malformed request: invalid JSON, or a parameter or field of the wrong shape */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request body larger than MAX_REQUEST_BODY_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request validation failed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    register_api_auth_register_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RegisterRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserPublic"];
                };
            };
            /** @description Malformed request: invalid JSON, or a parameter or field of the wrong shape */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Conflicts with an existing record */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request body larger than MAX_REQUEST_BODY_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request validation failed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Rate limit or quota exceeded (see Retry-After) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    whoami_api_auth_whoami_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PrincipalPublic"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    blobs_api_blobs__digest__post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                digest: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/octet-stream": string;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Malformed request: invalid JSON, or a parameter or field of the wrong shape */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Request body larger than MAX_REQUEST_BODY_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Not Implemented */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description The upstream Ollama server failed */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description No upstream Ollama server is available */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description The upstream Ollama server timed out */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
        };
    };
    head_blob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                digest: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Malformed request: invalid JSON, or a parameter or field of the wrong shape */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Not Implemented */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description The upstream Ollama server failed */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description No upstream Ollama server is available */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description The upstream Ollama server timed out */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
        };
    };
    chat_api_chat_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format */
                    format?: ("" | "json") | {
                        [key: string]: unknown;
                    } | null;
                    /** Keep Alive */
                    keep_alive?: string | number | null;
                    /**
                     * Messages
                     * @description or, instead, "prompt" (one user message)
                     */
                    messages?: ({
                        /** Content */
                        content?: string | null;
                        /** Images */
                        images?: string[] | null;
                        /**
                         * Role
                         * @example user
                         */
                        role?: string | null;
                        /** Tool Calls */
                        tool_calls?: {
                            [key: string]: unknown;
                        }[] | null;
                    } & {
                        [key: string]: unknown;
                    })[] | null;
                    /**
                     * Model
                     * @example llama3.2
                     */
                    model: string;
                    /** Options */
                    options?: {
                        [key: string]: unknown;
                    } | null;
                    /**
                     * Prompt
                     * @description seed-002 shape: one user message
                     */
                    prompt?: string | null;
                    /**
                     * Stream
                     * @description NDJSON stream unless false
                     * @default true
                     */
                    stream?: boolean | null;
                    /** Think */
                    think?: boolean | string | null;
                    /** Tools */
                    tools?: {
                        [key: string]: unknown;
                    }[] | null;
                } & {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                    "application/x-ndjson": Record<string, never>[];
                };
            };
            /** @description Malformed request: invalid JSON, or a parameter or field of the wrong shape */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Request body larger than MAX_REQUEST_BODY_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Rate limit or quota exceeded (see Retry-After) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description The upstream Ollama server failed */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description No upstream Ollama server is available */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description The upstream Ollama server timed out */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
        };
    };
    list_chats_api_chats_get: {
        parameters: {
            query?: {
                /** @description full-text search */
                q?: string | null;
                limit?: number;
                cursor?: string | null;
                /** @description only (un)archived chats */
                archived?: boolean | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChatPage"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request validation failed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    create_chat_api_chats_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChatCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChatPublic"];
                };
            };
            /** @description Malformed request: invalid JSON, or a parameter or field of the wrong shape */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Conflicts with an existing record */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request body larger than MAX_REQUEST_BODY_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request validation failed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    bulk_delete_api_chats_bulk_delete_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BulkDelete"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BulkDeleted"];
                };
            };
            /** @description Malformed request: invalid JSON, or a parameter or field of the wrong shape */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Conflicts with an existing record */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request body larger than MAX_REQUEST_BODY_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request validation failed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    import_chat_api_chats_import_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChatExport"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChatPublic"];
                };
            };
            /** @description Malformed request: invalid JSON, or a parameter or field of the wrong shape */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Conflicts with an existing record */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request body larger than MAX_REQUEST_BODY_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request validation failed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    get_chat_api_chats__chat_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description a chat of the caller */
                chat_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChatDetail"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request validation failed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    delete_chat_api_chats__chat_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description a chat of the caller */
                chat_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Conflicts with an existing record */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request validation failed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    update_chat_api_chats__chat_id__patch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description a chat of the caller */
                chat_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChatUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChatPublic"];
                };
            };
            /** @description Malformed request: invalid JSON, or a parameter or field of the wrong shape */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Conflicts with an existing record */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request body larger than MAX_REQUEST_BODY_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request validation failed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    export_chat_api_chats__chat_id__export_get: {
        parameters: {
            query?: {
                format?: "json" | "md";
            };
            header?: never;
            path: {
                /** @description a chat of the caller */
                chat_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the chat as JSON (`format=json`, importable) or Markdown (`format=md`) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChatExport"];
                    "text/markdown": string;
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request validation failed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    get_image_api_chats__chat_id__images__image_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description a chat of the caller */
                image_id: number;
                /** @description a chat of the caller */
                chat_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the image's bytes */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/gif": string;
                    "image/jpeg": string;
                    "image/png": string;
                    "image/webp": string;
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request validation failed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    get_messages_api_chats__chat_id__messages_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description a chat of the caller */
                chat_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessagePublic"][];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request validation failed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    send_api_chats__chat_id__messages_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description a chat of the caller */
                chat_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MessageCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TurnResult"];
                    "text/event-stream": {
                        data?: string;
                        event?: string;
                        id?: string;
                        retry?: number;
                    }[];
                };
            };
            /** @description Malformed request: invalid JSON, or a parameter or field of the wrong shape */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Conflicts with an existing record */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request body larger than MAX_REQUEST_BODY_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request validation failed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Rate limit or quota exceeded (see Retry-After) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description The upstream Ollama server failed */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description No upstream Ollama server is available */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description The upstream Ollama server timed out */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    edit_api_chats__chat_id__messages__message_id__put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description a message of that chat */
                message_id: number;
                /** @description a chat of the caller */
                chat_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MessageEdit"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TurnResult"];
                    "text/event-stream": {
                        data?: string;
                        event?: string;
                        id?: string;
                        retry?: number;
                    }[];
                };
            };
            /** @description Malformed request: invalid JSON, or a parameter or field of the wrong shape */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Conflicts with an existing record */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request body larger than MAX_REQUEST_BODY_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request validation failed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Rate limit or quota exceeded (see Retry-After) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description The upstream Ollama server failed */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description No upstream Ollama server is available */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description The upstream Ollama server timed out */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    regenerate_api_chats__chat_id__messages__message_id__regenerate_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description a message of that chat */
                message_id: number;
                /** @description a chat of the caller */
                chat_id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["Regenerate"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TurnResult"];
                    "text/event-stream": {
                        data?: string;
                        event?: string;
                        id?: string;
                        retry?: number;
                    }[];
                };
            };
            /** @description Malformed request: invalid JSON, or a parameter or field of the wrong shape */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Conflicts with an existing record */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request body larger than MAX_REQUEST_BODY_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request validation failed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Rate limit or quota exceeded (see Retry-After) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description The upstream Ollama server failed */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description No upstream Ollama server is available */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description The upstream Ollama server timed out */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    stop_api_chats__chat_id__stop_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description a chat of the caller */
                chat_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Stopped"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Conflicts with an existing record */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request validation failed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    reattach_api_chats__chat_id__stream_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description a chat of the caller */
                chat_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                    "text/event-stream": {
                        data?: string;
                        event?: string;
                        id?: string;
                        retry?: number;
                    }[];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Conflicts with an existing record */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request validation failed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    copy_api_copy_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Destination
                     * @example llama3.2
                     */
                    destination: string;
                    /**
                     * Source
                     * @example llama3.2
                     */
                    source: string;
                } & {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Malformed request: invalid JSON, or a parameter or field of the wrong shape */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Request body larger than MAX_REQUEST_BODY_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Not Implemented */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description The upstream Ollama server failed */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description No upstream Ollama server is available */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description The upstream Ollama server timed out */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
        };
    };
    create_api_create_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": ({
                    /** Files */
                    files?: {
                        [key: string]: string;
                    } | null;
                    /** From */
                    from?: string | null;
                    /**
                     * Model
                     * @example llama3.2
                     */
                    model: string;
                    /** Parameters */
                    parameters?: {
                        [key: string]: unknown;
                    } | null;
                    /** Quantize */
                    quantize?: string | null;
                    /**
                     * Stream
                     * @default true
                     */
                    stream?: boolean | null;
                    /** System */
                    system?: string | null;
                    /** Template */
                    template?: string | null;
                } & {
                    [key: string]: unknown;
                }) | {
                    from: string;
                } | {
                    files: Record<string, never>;
                };
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                    "application/x-ndjson": Record<string, never>[];
                };
            };
            /** @description Malformed request: invalid JSON, or a parameter or field of the wrong shape */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Request body larger than MAX_REQUEST_BODY_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Not Implemented */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description The upstream Ollama server failed */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description No upstream Ollama server is available */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description The upstream Ollama server timed out */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
        };
    };
    delete_api_delete_delete: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Insecure */
                    insecure?: boolean | null;
                    /**
                     * Model
                     * @example llama3.2
                     */
                    model: string;
                    /** Stream */
                    stream?: boolean | null;
                    /** Verbose */
                    verbose?: boolean | null;
                } & {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Malformed request: invalid JSON, or a parameter or field of the wrong shape */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Request body larger than MAX_REQUEST_BODY_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Not Implemented */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description The upstream Ollama server failed */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description No upstream Ollama server is available */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description The upstream Ollama server timed out */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
        };
    };
    embed_api_embed_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Dimensions */
                    dimensions?: number | null;
                    /** Input */
                    input?: string | string[] | null;
                    /** Keep Alive */
                    keep_alive?: string | number | null;
                    /**
                     * Model
                     * @example llama3.2
                     */
                    model: string;
                    /** Options */
                    options?: {
                        [key: string]: unknown;
                    } | null;
                    /** Truncate */
                    truncate?: boolean | null;
                } & {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Malformed request: invalid JSON, or a parameter or field of the wrong shape */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Request body larger than MAX_REQUEST_BODY_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Rate limit or quota exceeded (see Retry-After) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description The upstream Ollama server failed */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description No upstream Ollama server is available */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description The upstream Ollama server timed out */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
        };
    };
    embeddings_api_embeddings_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Keep Alive */
                    keep_alive?: string | number | null;
                    /**
                     * Model
                     * @example llama3.2
                     */
                    model: string;
                    /** Options */
                    options?: {
                        [key: string]: unknown;
                    } | null;
                    /** Prompt */
                    prompt?: string | null;
                } & {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Malformed request: invalid JSON, or a parameter or field of the wrong shape */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Request body larger than MAX_REQUEST_BODY_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Rate limit or quota exceeded (see Retry-After) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description The upstream Ollama server failed */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description No upstream Ollama server is available */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description The upstream Ollama server timed out */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
        };
    };
    generate_api_generate_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format
                     * @description "json" or a schema
                     */
                    format?: ("" | "json") | {
                        [key: string]: unknown;
                    } | null;
                    /**
                     * Images
                     * @description base64-encoded images
                     */
                    images?: string[] | null;
                    /** Keep Alive */
                    keep_alive?: string | number | null;
                    /**
                     * Model
                     * @example llama3.2
                     */
                    model: string;
                    /** Options */
                    options?: {
                        [key: string]: unknown;
                    } | null;
                    /** Prompt */
                    prompt?: string | null;
                    /** Raw */
                    raw?: boolean | null;
                    /**
                     * Stream
                     * @description NDJSON stream unless false
                     * @default true
                     */
                    stream?: boolean | null;
                    /** Suffix */
                    suffix?: string | null;
                    /** System */
                    system?: string | null;
                    /** Template */
                    template?: string | null;
                    /** Think */
                    think?: boolean | string | null;
                } & {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                    "application/x-ndjson": Record<string, never>[];
                };
            };
            /** @description Malformed request: invalid JSON, or a parameter or field of the wrong shape */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Request body larger than MAX_REQUEST_BODY_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Rate limit or quota exceeded (see Retry-After) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description The upstream Ollama server failed */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description No upstream Ollama server is available */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description The upstream Ollama server timed out */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
        };
    };
    list_models_api_models_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelsPublic"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    ps_api_ps_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description The upstream Ollama server failed */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description No upstream Ollama server is available */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description The upstream Ollama server timed out */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
        };
    };
    pull_api_pull_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Insecure */
                    insecure?: boolean | null;
                    /**
                     * Model
                     * @example llama3.2
                     */
                    model: string;
                    /** Stream */
                    stream?: boolean | null;
                    /** Verbose */
                    verbose?: boolean | null;
                } & {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                    "application/x-ndjson": Record<string, never>[];
                };
            };
            /** @description Malformed request: invalid JSON, or a parameter or field of the wrong shape */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Request body larger than MAX_REQUEST_BODY_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Not Implemented */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description The upstream Ollama server failed */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description No upstream Ollama server is available */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description The upstream Ollama server timed out */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
        };
    };
    push_api_push_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Insecure */
                    insecure?: boolean | null;
                    /**
                     * Model
                     * @example llama3.2
                     */
                    model: string;
                    /** Stream */
                    stream?: boolean | null;
                    /** Verbose */
                    verbose?: boolean | null;
                } & {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                    "application/x-ndjson": Record<string, never>[];
                };
            };
            /** @description Malformed request: invalid JSON, or a parameter or field of the wrong shape */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Request body larger than MAX_REQUEST_BODY_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Not Implemented */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description The upstream Ollama server failed */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description No upstream Ollama server is available */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description The upstream Ollama server timed out */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
        };
    };
    send_message_api_send_message_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SendMessage"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SeedReply"];
                };
            };
            /** @description Malformed request: invalid JSON, or a parameter or field of the wrong shape */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Conflicts with an existing record */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request body larger than MAX_REQUEST_BODY_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request validation failed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Rate limit or quota exceeded (see Retry-After) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description The upstream Ollama server failed */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description No upstream Ollama server is available */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description The upstream Ollama server timed out */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    show_api_show_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Insecure */
                    insecure?: boolean | null;
                    /**
                     * Model
                     * @example llama3.2
                     */
                    model: string;
                    /** Stream */
                    stream?: boolean | null;
                    /** Verbose */
                    verbose?: boolean | null;
                } & {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Malformed request: invalid JSON, or a parameter or field of the wrong shape */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Request body larger than MAX_REQUEST_BODY_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description The upstream Ollama server failed */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description No upstream Ollama server is available */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description The upstream Ollama server timed out */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
        };
    };
    status_api_status_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusPublic"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    tags_api_tags_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
        };
    };
    head_tags: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
        };
    };
    read_own_usage_api_usage_get: {
        parameters: {
            query?: {
                from?: string | null;
                to?: string | null;
                bucket?: "hour" | "day";
                group_by?: "model" | "key";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UsagePublic"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Request validation failed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    read_own_limits_api_usage_limits_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LimitState"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    version_api_version_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description The upstream Ollama server failed */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description No upstream Ollama server is available */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description The upstream Ollama server timed out */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
        };
    };
    head_version: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description The upstream Ollama server failed */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description No upstream Ollama server is available */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
            /** @description The upstream Ollama server timed out */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OllamaError"];
                };
            };
        };
    };
    health_health_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Liveness"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    live_health_live_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Liveness"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    ready_health_ready_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description not ready, or stopping */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReadinessReport"];
                };
            };
        };
    };
    metrics_metrics_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalError"];
                };
            };
        };
    };
    chat_completions_v1_chat_completions_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Max Tokens */
                    max_tokens?: number | null;
                    /** Messages */
                    messages: ({
                        /**
                         * Content
                         * @description text, or a list of content parts
                         */
                        content?: string | {
                            [key: string]: unknown;
                        }[] | null;
                        /**
                         * Role
                         * @example user
                         */
                        role?: string | null;
                    } & {
                        [key: string]: unknown;
                    })[];
                    /**
                     * Model
                     * @example llama3.2
                     */
                    model: string;
                    /**
                     * Stream
                     * @default false
                     */
                    stream?: boolean | null;
                    /** Stream Options */
                    stream_options?: {
                        [key: string]: unknown;
                    } | null;
                    /** Temperature */
                    temperature?: number | null;
                    /** Tools */
                    tools?: {
                        [key: string]: unknown;
                    }[] | null;
                } & {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                    "text/event-stream": {
                        data?: string;
                        event?: string;
                        id?: string;
                        retry?: number;
                    }[];
                };
            };
            /** @description Malformed request: invalid JSON, or a parameter or field of the wrong shape */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAIError"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAIError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAIError"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAIError"];
                };
            };
            /** @description Request body larger than MAX_REQUEST_BODY_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAIError"];
                };
            };
            /** @description Request validation failed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAIError"];
                };
            };
            /** @description Rate limit or quota exceeded (see Retry-After) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAIError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAIError"];
                };
            };
            /** @description The upstream Ollama server failed */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAIError"];
                };
            };
            /** @description No upstream Ollama server is available */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAIError"];
                };
            };
            /** @description The upstream Ollama server timed out */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAIError"];
                };
            };
        };
    };
    completions_v1_completions_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Max Tokens */
                    max_tokens?: number | null;
                    /**
                     * Model
                     * @example llama3.2
                     */
                    model: string;
                    /**
                     * Prompt
                     * @default
                     */
                    prompt?: string;
                    /**
                     * Stream
                     * @default false
                     */
                    stream?: boolean | null;
                    /** Suffix */
                    suffix?: string | null;
                } & {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                    "text/event-stream": {
                        data?: string;
                        event?: string;
                        id?: string;
                        retry?: number;
                    }[];
                };
            };
            /** @description Malformed request: invalid JSON, or a parameter or field of the wrong shape */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAIError"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAIError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAIError"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAIError"];
                };
            };
            /** @description Request body larger than MAX_REQUEST_BODY_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAIError"];
                };
            };
            /** @description Request validation failed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAIError"];
                };
            };
            /** @description Rate limit or quota exceeded (see Retry-After) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAIError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAIError"];
                };
            };
            /** @description The upstream Ollama server failed */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAIError"];
                };
            };
            /** @description No upstream Ollama server is available */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAIError"];
                };
            };
            /** @description The upstream Ollama server timed out */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAIError"];
                };
            };
        };
    };
    openai_embeddings_v1_embeddings_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Dimensions */
                    dimensions?: number | null;
                    /** Encoding Format */
                    encoding_format?: ("float" | "base64") | null;
                    /** Input */
                    input: string | string[];
                    /**
                     * Model
                     * @example llama3.2
                     */
                    model: string;
                } & {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Malformed request: invalid JSON, or a parameter or field of the wrong shape */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAIError"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAIError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAIError"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAIError"];
                };
            };
            /** @description Request body larger than MAX_REQUEST_BODY_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAIError"];
                };
            };
            /** @description Request validation failed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAIError"];
                };
            };
            /** @description Rate limit or quota exceeded (see Retry-After) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAIError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAIError"];
                };
            };
            /** @description The upstream Ollama server failed */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAIError"];
                };
            };
            /** @description No upstream Ollama server is available */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAIError"];
                };
            };
            /** @description The upstream Ollama server timed out */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAIError"];
                };
            };
        };
    };
    messages_v1_messages_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Max Tokens */
                    max_tokens?: number | null;
                    /** Messages */
                    messages: ({
                        /**
                         * Content
                         * @description text, or a list of content blocks
                         */
                        content: string | {
                            [key: string]: unknown;
                        }[];
                        /**
                         * Role
                         * @example user
                         */
                        role: string;
                    } & {
                        [key: string]: unknown;
                    })[];
                    /**
                     * Model
                     * @example llama3.2
                     */
                    model: string;
                    /** Stop Sequences */
                    stop_sequences?: string[] | null;
                    /**
                     * Stream
                     * @default false
                     */
                    stream?: boolean | null;
                    /** System */
                    system?: string | {
                        [key: string]: unknown;
                    }[] | null;
                    /** Temperature */
                    temperature?: number | null;
                    /** Tool Choice */
                    tool_choice?: {
                        [key: string]: unknown;
                    } | null;
                    /** Tools */
                    tools?: {
                        [key: string]: unknown;
                    }[] | null;
                    /** Top P */
                    top_p?: number | null;
                } & {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description the message, or its events when `stream` is true */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                    "text/event-stream": {
                        data?: string;
                        event?: string;
                        id?: string;
                        retry?: number;
                    }[];
                };
            };
            /** @description invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AnthropicError"];
                };
            };
            /** @description no or bad credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AnthropicError"];
                };
            };
            /** @description not allowed: permission or model rules */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AnthropicError"];
                };
            };
            /** @description unknown model */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AnthropicError"];
                };
            };
            /** @description body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AnthropicError"];
                };
            };
            /** @description Request validation failed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AnthropicError"];
                };
            };
            /** @description a limit or quota was reached */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AnthropicError"];
                };
            };
            /** @description internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AnthropicError"];
                };
            };
            /** @description the node failed */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AnthropicError"];
                };
            };
            /** @description no node available */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AnthropicError"];
                };
            };
            /** @description the node timed out */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AnthropicError"];
                };
            };
        };
    };
    models_v1_models_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAIError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAIError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAIError"];
                };
            };
        };
    };
    model_v1_models__model__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                model: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Missing, invalid, expired or revoked credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAIError"];
                };
            };
            /** @description Not allowed: missing permission or scope, a model rule, or a missing CSRF token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAIError"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAIError"];
                };
            };
            /** @description Request validation failed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAIError"];
                };
            };
            /** @description Internal error (error_id / X-Request-ID identifies it in the server log) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAIError"];
                };
            };
        };
    };
}
