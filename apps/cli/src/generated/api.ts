// Generated from the OpenAPI document by `npm run openapi:types` (openapi-typescript).
// Do not edit: change the API, then run it again. A test fails when this file is stale.

export interface paths {
    "/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getLiveness"];
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
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/clients": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["listClients"];
        put?: never;
        post: operations["createClient"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/clients/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getClient"];
        put?: never;
        post?: never;
        delete: operations["deleteClient"];
        options?: never;
        head?: never;
        patch: operations["updateClient"];
        trace?: never;
    };
    "/api/v1/projects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["listProjects"];
        put?: never;
        post: operations["createProject"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getProject"];
        put?: never;
        post?: never;
        delete: operations["deleteProject"];
        options?: never;
        head?: never;
        patch: operations["updateProject"];
        trace?: never;
    };
    "/api/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["listApiKeys"];
        put?: never;
        post: operations["createApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys/{id}/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Issue a new secret for a key
         * @description The key keeps its id, role, rights and expiry. The replaced secret keeps working until `previousKeyExpiresAt` (overlapSeconds after now, default 86400), then answers 401; rotating again ends that overlap at once.
         */
        post: operations["rotateApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: operations["revokeApiKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/credentials": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["listCredentials"];
        put?: never;
        post: operations["createCredential"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/credentials/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getCredential"];
        put?: never;
        post?: never;
        delete: operations["deleteCredential"];
        options?: never;
        head?: never;
        patch: operations["updateCredential"];
        trace?: never;
    };
    "/api/v1/clusters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["listClusters"];
        put?: never;
        post: operations["createCluster"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/clusters/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getCluster"];
        put?: never;
        post?: never;
        delete: operations["deleteCluster"];
        options?: never;
        head?: never;
        patch: operations["updateCluster"];
        trace?: never;
    };
    "/api/v1/resources": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["listResources"];
        put?: never;
        post: operations["createResource"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/resources/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getResource"];
        put?: never;
        post?: never;
        delete: operations["deleteResource"];
        options?: never;
        head?: never;
        patch: operations["updateResource"];
        trace?: never;
    };
    "/api/v1/measurements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["listMeasurements"];
        put?: never;
        post: operations["createMeasurement"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/measurements/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getMeasurement"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: operations["updateMeasurement"];
        trace?: never;
    };
    "/api/v1/samples": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Push samples (1 to 10,000 per request)
         * @description All or nothing: every item is checked first, and one bad item (unknown or invisible resource, unknown measurement, a value that is not a number in the accepted range, timestamp without offset or out of range, a second item with the same resourceId, measurement and ts) rejects the batch with 400 and an `errors` list naming each bad item. A batch without such errors but with samples in a closed period (stamped before now − interval − pre-cache lead − late-push grace, where reports may already be final) is refused with 409, naming the boundary (`closedBefore`) and each such item: change closed data with POST /api/v1/corrections. 400 takes precedence over 409. A stored sample is replaced by a resent one, so retrying a batch never double-counts; hence 200, not 201.
         */
        post: operations["pushSamples"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/resources/{id}/samples": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["listResourceSamples"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/corrections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Corrections, newest first
         * @description Filters select corrections that changed samples matching all of them.
         */
        get: operations["listCorrections"];
        put?: never;
        /**
         * Correct samples, in closed or open periods
         * @description Writes and deletes samples in one transaction: all or nothing, at most 1,000,000 items. Every item is checked like a push (resource, catalog measurement, ts with an offset, value in the accepted range, one item per sample), and one bad item refuses the whole correction with 400 and an `errors` list naming each bad item. Send JSON `{ reason, samples, deletes }` (within the body limit, TALLY_BODY_LIMIT), or for backfills NDJSON (`Content-Type: application/x-ndjson`): a first line `{"reason": "…"}`, then one sample `{"resourceId", "measurement", "ts", "value"}` or delete `{"delete": {"resourceId", "measurement", "ts"}}` per line, items named by line number in errors. The correction is recorded with its reason, the key and request that applied it, and each sample's value before and after; reports mark every line it changed.
         */
        post: operations["createCorrections"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/corrections/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One correction, with the samples it changed
         * @description limit and offset page the changes.
         */
        get: operations["getCorrections"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/collections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["listCollectionRuns"];
        put?: never;
        /**
         * Collect a slot now
         * @description Enqueues the collection of the current (or given) slot; the worker does it. With resourceIds, those resources are collected into the slot's run too, even when the slot was collected before they existed. A past slot is accepted only while it is open: its samples are stamped at its start, which closes one interval plus the pre-cache lead plus the late-push grace later.
         */
        post: operations["triggerCollection"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/collections/precache": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Refresh the Ganeti cache now
         * @description For the next slot; a refresh already waiting absorbs this one.
         */
        post: operations["triggerPrecache"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/collections/schedules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Recurring jobs
         * @description Whether each schedule is registered, when it fires next, its last run, and whether it is degraded (missing, wrong, or late) and why.
         */
        get: operations["listSchedules"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/collections/capacity": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * How many hosts the worker can take
         * @description Hosts per source, time per host (p50/p95) and slot duration from recent runs, the projected maximum per slot of one worker under each limit at the current concurrency settings, and which limit binds.
         */
        get: operations["getCollectionCapacity"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/collections/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One run
         * @description State, counts, and each target's outcome (or only the failed ones: ?outcomes=errors; only some: ?target=…).
         */
        get: operations["getCollectionRun"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/clusters/{id}/unassigned": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Instances no resource claims
         * @description From the pre-cached RAPI answer: instances with no ganeti-vm resource of that name on this cluster, i.e. running but not billed.
         */
        get: operations["listUnassignedInstances"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/clients/{id}/report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A client's usage report for a window, as JSON or CSV
         * @description One line per (project, resource, measurement) with samples, expected, coverage, min, max, avg, last and usage; subtotals per project and totals per measurement for the client. Streamed: large clients start arriving at once. A client key may only read its own client (others answer 404). Column and field meanings: docs/reports.md.
         */
        get: operations["getClientReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every client at a glance: resources, coverage and collection status for a window, in one query
         * @description Coverage equals the client's report totals (Σ samples ÷ Σ expected) for the same window. A client key gets only its own client. docs/reports.md.
         */
        get: operations["getReportSummary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/clients/{id}/usage/daily": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A client's usage per day, per project, resource and measurement (the billing page's chart)
         * @description Each day (midnight to midnight in tz) is the client's report over that day, so the figures equal the report's. At most 93 days. A client key may only read its own client (others answer 404). docs/reports.md.
         */
        get: operations["getClientDailyUsage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rate-cards": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["listRateCards"];
        put?: never;
        post: operations["createRateCard"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rate-cards/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getRateCard"];
        put?: never;
        post?: never;
        delete: operations["deleteRateCard"];
        options?: never;
        head?: never;
        patch: operations["updateRateCard"];
        trace?: never;
    };
    "/api/v1/rate-cards/{id}/prices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["createRateCardPrice"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rate-cards/{id}/prices/{priceId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getRateCardPrice"];
        put?: never;
        post?: never;
        delete: operations["deleteRateCardPrice"];
        options?: never;
        head?: never;
        patch: operations["updateRateCardPrice"];
        trace?: never;
    };
    "/api/v1/clients/{id}/rate-card": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getClientRateCard"];
        put: operations["assignClientRateCard"];
        post?: never;
        delete: operations["unassignClientRateCard"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The event stream: every change and notable happening (docs/events.md)
         * @description A client key sees its own client's events only. Follow `nextCursor` with `after` to read the stream in order without gaps.
         */
        get: operations["listEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The audit log: who changed what, when and from where, before and after
         * @description The events made through the API, newest first. Append-only: nothing can alter an entry. Secrets show only that they changed.
         */
        get: operations["listAuditEntries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The hooks this installation runs (TALLY_HOOKS), before-hooks first */
        get: operations["listHooks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["listWebhooks"];
        put?: never;
        /** Subscribe a URL to events; the signing secret is in this answer only */
        post: operations["createWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getWebhook"];
        put?: never;
        post?: never;
        delete: operations["deleteWebhook"];
        options?: never;
        head?: never;
        /** @description active=true turns a webhook Tally disabled back on; its waiting deliveries resume */
        patch: operations["updateWebhook"];
        trace?: never;
    };
    "/api/v1/webhooks/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Issue a new signing secret
         * @description Until `previousSecretValidUntil` (overlapSeconds from now, default 86400) deliveries carry two signatures, one per secret.
         */
        post: operations["rotateWebhookSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The delivery log, newest first: status, response code, latency, attempts, next attempt, last error */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/deliveries/{deliveryId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One delivery, with every attempt at it */
        get: operations["getWebhookDelivery"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a delivery again, now, with its own webhook-id (receivers may drop it as a duplicate) */
        post: operations["redeliverWebhookDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/alert-rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["listAlertRules"];
        put?: never;
        /** @description One measurement over a scope with warn/crit thresholds (or a budget); recorded as alert_rule.created */
        post: operations["createAlertRule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/alert-rules/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getAlertRule"];
        put?: never;
        post?: never;
        delete: operations["deleteAlertRule"];
        options?: never;
        head?: never;
        patch: operations["updateAlertRule"];
        trace?: never;
    };
    "/api/v1/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["listAlerts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/alerts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getAlert"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/alerts/{id}/acknowledge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Stops re-notification; the incident stays open until it recovers. Recorded as alert.acknowledged */
        post: operations["acknowledgeAlert"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/alert-status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description What the status page shows: every node and cluster, its state, last poll and open incidents */
        get: operations["getAlertStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/maintenance-windows": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["listMaintenanceWindows"];
        put?: never;
        /** @description One-off (startsAt to endsAt) or recurring (daily or weekly at startTime for durationMinutes, in timeZone). Holds notifications, never evaluation */
        post: operations["createMaintenanceWindow"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/maintenance-windows/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getMaintenanceWindow"];
        put?: never;
        post?: never;
        delete: operations["deleteMaintenanceWindow"];
        options?: never;
        head?: never;
        patch: operations["updateMaintenanceWindow"];
        trace?: never;
    };
    "/api/v1/resources/{id}/alert-notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getResourceAlertNotifications"];
        /** @description Turns alert notifications about one resource off or on; evaluation goes on. Recorded as alert.resource_notifications */
        put: operations["setResourceAlertNotifications"];
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
        AlertDto: {
            /** @description The incident number */
            id: number;
            /** Format: uuid */
            ruleId: string;
            ruleName: string;
            measurement: string;
            /** @enum {string} */
            subjectType: "resource" | "client";
            /** Format: uuid */
            subjectId: string;
            subjectName: string | null;
            /** Format: uuid */
            clientId: string | null;
            /** @enum {string} */
            severity: "warn" | "crit" | "nodata";
            /** @enum {string} */
            status: "open" | "recovered";
            /** @description The value that last moved it: a rate per second for counters, the month-to-date usage for budgets */
            value: number | null;
            /** Format: date-time */
            openedAt: string;
            /** Format: date-time */
            escalatedAt: string | null;
            /** Format: date-time */
            recoveredAt: string | null;
            /** Format: date-time */
            acknowledgedAt: string | null;
            acknowledgedBy: string | null;
            notifications: number;
            /** Format: date-time */
            lastNotifiedAt: string | null;
            /** @description Why the latest notification was held back (maintenance, notifications off, flapping, cut-off), or null */
            suppressed: string | null;
            flapping: boolean;
        };
        AlertPage: {
            items: components["schemas"]["AlertDto"][];
            /** @description Matching items in all pages */
            total: number;
        };
        AlertRuleDto: {
            /** Format: uuid */
            id: string;
            name: string;
            /** @enum {string} */
            kind: "threshold" | "budget";
            measurement: string;
            measurementId: number;
            /** @enum {string} */
            measurementKind: "gauge" | "counter";
            /** @enum {string} */
            scopeType: "all" | "client" | "project" | "resource" | "resource_type";
            scopeId: string | null;
            /**
             * Format: uuid
             * @description The client the scope lies in; null for installation-wide rules
             */
            clientId: string | null;
            /** @enum {string} */
            comparison: ">" | ">=" | "<" | "<=";
            warn: number | null;
            crit: number | null;
            forEvaluations: number;
            nodataAfter: number;
            timeZone: string;
            maxNotifications: number;
            renotifyMinutes: number;
            notificationsEnabled: boolean;
            enabled: boolean;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        AlertRulePage: {
            items: components["schemas"]["AlertRuleDto"][];
            /** @description Matching items in all pages */
            total: number;
        };
        ApiKeyDto: {
            /** Format: uuid */
            id: string;
            name: string;
            /** @enum {string} */
            role: "admin" | "billing" | "client";
            /** Format: uuid */
            clientId: string | null;
            scopes: "samples:write"[];
            /**
             * @description First characters of the key, to tell keys apart
             * @example tally_Ab12Cd
             */
            prefix: string;
            /** Format: date-time */
            createdAt: string;
            /**
             * Format: date-time
             * @description Last use, recorded at most once a minute
             */
            lastUsedAt: string | null;
            /**
             * @description Client address of that use (behind trusted proxies, the forwarded one)
             * @example 203.0.113.7
             */
            lastUsedFrom: string | null;
            /**
             * Format: date-time
             * @description When the key stops working; null: never
             */
            expiresAt: string | null;
            /**
             * Format: date-time
             * @description Until when the secret replaced by the last rotation works (or worked); null: never rotated
             */
            previousKeyExpiresAt: string | null;
            /** Format: date-time */
            revokedAt: string | null;
        };
        ApiKeyPage: {
            items: components["schemas"]["ApiKeyDto"][];
            /** @description Matching items in all pages */
            total: number;
        };
        AssignRateCardDto: {
            /** Format: uuid */
            rateCardId: string;
            /** @description This client's own prices, replacing any it had: each wins over the card's price while it is in effect */
            overrides?: components["schemas"]["OverrideDto"][];
        };
        AttemptDto: {
            /** Format: date-time */
            at: string;
            /** @description A 2xx in time */
            ok: boolean;
            statusCode: number | null;
            latencyMs: number;
            error: string | null;
        };
        CapacityDto: {
            settings: components["schemas"]["CapacitySettingsDto"];
            /** @description Latest finished runs of each kind the figures come from */
            recentRuns: number;
            sources: components["schemas"]["CapacitySourceDto"][];
            /** @description Start to finish of recent collection runs, ms */
            slotDurationMs: components["schemas"]["SlotDurationDto"] | null;
            limits: components["schemas"]["CapacityLimitDto"][];
            /**
             * @description The limit with the highest utilisation: the one to raise (or add a worker) first
             * @enum {string|null}
             */
            binding: "ssh-concurrency" | "rapi-concurrency" | "persist" | "interval" | null;
        };
        CapacityLimitDto: {
            /** @enum {string} */
            limit: "ssh-concurrency" | "rapi-concurrency" | "persist" | "interval";
            /** @enum {string} */
            unit: "hosts" | "clusters" | "resources";
            current: number;
            /** @description The most one worker can collect per slot under this limit; null when nothing measured allows a projection */
            maxPerSlot: number | null;
            /** @description current / maxPerSlot: above 1 a slot cannot be collected in time */
            utilisation: number | null;
            /** @description How the projection was made */
            basis: string;
        };
        CapacitySettingsDto: {
            /** @description TALLY_COLLECT_INTERVAL_MINUTES */
            intervalMinutes: number;
            /** @description TALLY_PRECACHE_LEAD_MINUTES: the time the Ganeti pre-cache has before its slot */
            precacheLeadMinutes: number;
            /** @description TALLY_SSH_CONCURRENCY (per worker) */
            sshConcurrency: number;
            /** @description TALLY_RAPI_CONCURRENCY (per worker) */
            rapiConcurrency: number;
            /** @description TALLY_PERSIST_CONCURRENCY (per worker) */
            persistConcurrency: number;
        };
        CapacitySourceDto: {
            /** @enum {string} */
            source: "ssh" | "ganeti";
            /** @example node */
            resourceType: string;
            /** @description Collectable resources of the source now (a VM counts as a host) */
            hosts: number;
            /** @description Ganeti: clusters the pre-cache fetches */
            clusters?: number;
            /** @description Time per polled host in recent runs, ms; null before any (and for VMs, read from the cache) */
            timePerHostMs: components["schemas"]["DurationStatsDto"] | null;
            /** @description Ganeti: time per cluster fetch in recent pre-cache runs, ms */
            timePerClusterMs?: components["schemas"]["DurationStatsDto"] | null;
        };
        ClientDto: {
            /** Format: uuid */
            id: string;
            name: string;
            billingRef: string | null;
            active: boolean;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        ClientPage: {
            items: components["schemas"]["ClientDto"][];
            /** @description Matching items in all pages */
            total: number;
        };
        ClientSummaryDto: {
            /** Format: uuid */
            id: string;
            /** @example Acme Research Lab */
            name: string;
            /** @example CUST-0042 */
            billingRef: string | null;
            active: boolean;
            resources: components["schemas"]["SummaryResourcesDto"];
            /**
             * @description Lines of the client's report for this window
             * @example 16
             */
            lines: number;
            /**
             * @description Σ samples over those lines
             * @example 5376
             */
            samples: number;
            /**
             * @description Σ expected over those lines
             * @example 5376
             */
            expected: number;
            /**
             * @description samples ÷ expected, exactly as the report totals; null when nothing was expected
             * @example 1
             */
            coverage: number | null;
            /**
             * @description ok: every active collected resource was collected in the latest run; partial: some were; failed: none were; pushed: only push-only resources (nothing to collect); none: no active resources, or no collection yet
             * @enum {string}
             */
            status: "ok" | "partial" | "failed" | "pushed" | "none";
        };
        ClosedPeriodErrorDto: {
            /** @example 400 */
            statusCode: number;
            /** @example Bad Request */
            error: string;
            /** @example limit must not be greater than 500 */
            message: string;
            /**
             * @description Also in the X-Request-Id header; quote it when reporting a problem
             * @example 4f6c1f0e-1c1e-4a59-9c55-2f3d3c1b8a11
             */
            requestId: string;
            /**
             * Format: date-time
             * @description Data stamped before this instant is closed (now − interval − pre-cache lead − TALLY_LATE_PUSH_GRACE_MINUTES); change it with POST /api/v1/corrections
             * @example 2026-12-01T06:15:00.000Z
             */
            closedBefore: string;
        };
        ClusterDetailDto: {
            /** Format: uuid */
            id: string;
            fqdn: string;
            rapiUrl: string;
            /** Format: uuid */
            credentialId: string | null;
            /** @enum {string} */
            tlsMode: "system" | "ca" | "fingerprint" | "insecure";
            caCertificate: string | null;
            /** @description Lower-case hex, no colons */
            tlsFingerprintSha256: string | null;
            active: boolean;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description How its scheduled pre-cache fetches go: a cluster failing them backs off as a node does; null while that is unknown */
            collection: components["schemas"]["ResourceCollectionDto"] | null;
        };
        ClusterDto: {
            /** Format: uuid */
            id: string;
            fqdn: string;
            rapiUrl: string;
            /** Format: uuid */
            credentialId: string | null;
            /** @enum {string} */
            tlsMode: "system" | "ca" | "fingerprint" | "insecure";
            caCertificate: string | null;
            /** @description Lower-case hex, no colons */
            tlsFingerprintSha256: string | null;
            active: boolean;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        ClusterPage: {
            items: components["schemas"]["ClusterDto"][];
            /** @description Matching items in all pages */
            total: number;
        };
        CollectionRunDetailDto: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            kind: "collect" | "precache";
            /**
             * Format: date-time
             * @description Slot start (UTC). For a pre-cache, the collection slot it prepares.
             */
            slot: string;
            /**
             * @description queued → running → succeeded (all ok) | partial (some errors) | failed (all errors); `missed`: a boundary the schedule owed closed before anything collected it (`reason` says why)
             * @enum {string}
             */
            state: "queued" | "running" | "succeeded" | "partial" | "failed" | "missed";
            /**
             * @description `schedule`, `api`, or `reconcile` (the worker found the boundary without a run)
             * @example schedule
             */
            trigger: string;
            /**
             * @description Why a `missed` slot was missed; null otherwise
             * @example Redis unavailable from 2026-12-01T10:29:50.000Z to 2026-12-01T11:02:10.000Z: not collected before it closed at 2026-12-01T11:00:00.000Z
             */
            reason: string | null;
            /** @description Targets in the run: resources (collect) or clusters (precache) */
            total: number;
            okCount: number;
            errorCount: number;
            /** @description Samples written (collect) or instances cached (precache) */
            sampleCount: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            startedAt: string | null;
            /** Format: date-time */
            finishedAt: string | null;
            /** @description finishedAt − startedAt, in ms; null while running */
            durationMs: number | null;
            /** @description Errors first, then by name */
            outcomes: components["schemas"]["RunOutcomeDto"][];
            /** @description True when retention (TALLY_RUN_OUTCOME_RETENTION_DAYS) has removed this run's per-target outcomes; its counts remain */
            outcomesPruned: boolean;
        };
        CollectionRunDto: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            kind: "collect" | "precache";
            /**
             * Format: date-time
             * @description Slot start (UTC). For a pre-cache, the collection slot it prepares.
             */
            slot: string;
            /**
             * @description queued → running → succeeded (all ok) | partial (some errors) | failed (all errors); `missed`: a boundary the schedule owed closed before anything collected it (`reason` says why)
             * @enum {string}
             */
            state: "queued" | "running" | "succeeded" | "partial" | "failed" | "missed";
            /**
             * @description `schedule`, `api`, or `reconcile` (the worker found the boundary without a run)
             * @example schedule
             */
            trigger: string;
            /**
             * @description Why a `missed` slot was missed; null otherwise
             * @example Redis unavailable from 2026-12-01T10:29:50.000Z to 2026-12-01T11:02:10.000Z: not collected before it closed at 2026-12-01T11:00:00.000Z
             */
            reason: string | null;
            /** @description Targets in the run: resources (collect) or clusters (precache) */
            total: number;
            okCount: number;
            errorCount: number;
            /** @description Samples written (collect) or instances cached (precache) */
            sampleCount: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            startedAt: string | null;
            /** Format: date-time */
            finishedAt: string | null;
            /** @description finishedAt − startedAt, in ms; null while running */
            durationMs: number | null;
        };
        CollectionRunPage: {
            items: components["schemas"]["CollectionRunDto"][];
            /** @description Matching items in all pages */
            total: number;
        };
        ConnectionLoadDto: {
            /** @description Connections in all */
            size: number;
            /** @description Connections in use now */
            inUse: number;
            /** @description Callers waiting for one */
            waiting: number;
        };
        CorrectionActorDto: {
            /** Format: uuid */
            apiKeyId: string;
            /**
             * @description The key's name when it applied the correction
             * @example billing-anna
             */
            name: string;
            /** @enum {string} */
            role: "admin" | "billing";
        };
        CorrectionChangeDto: {
            /** Format: uuid */
            resourceId: string;
            /** @example disk.used */
            measurement: string;
            /** Format: date-time */
            ts: string;
            /** @description The value before; null when the correction inserted the sample */
            before: number | null;
            /** @description The value after; null when the correction deleted the sample */
            after: number | null;
        };
        CorrectionChangePage: {
            items: components["schemas"]["CorrectionChangeDto"][];
            /** @description Matching items in all pages */
            total: number;
        };
        CorrectionDeleteDto: {
            /** Format: uuid */
            resourceId: string;
            /** @example disk.used */
            measurement: string;
            /**
             * Format: date-time
             * @description The sample to delete; deleting a sample that does not exist changes nothing
             * @example 2026-10-01T00:30:00Z
             */
            ts: string;
        };
        CorrectionDetailDto: {
            /** Format: uuid */
            id: string;
            reason: string;
            /**
             * Format: date-time
             * @description When it was applied
             */
            createdAt: string;
            /** @description The API key that applied it */
            by: components["schemas"]["CorrectionActorDto"];
            /** @description The request that applied it (X-Request-Id), to find it in the logs */
            requestId: string;
            items: components["schemas"]["CorrectionItemsDto"];
            /**
             * Format: date-time
             * @description Earliest sample ts it changed; null when it changed nothing
             */
            changedFrom: string | null;
            /**
             * Format: date-time
             * @description Latest sample ts it changed; null when it changed nothing
             */
            changedTo: string | null;
            /** @description Each sample it changed, before → after, by resource, measurement and ts; paged with limit and offset */
            changes: components["schemas"]["CorrectionChangePage"];
        };
        CorrectionDto: {
            /** Format: uuid */
            id: string;
            reason: string;
            /**
             * Format: date-time
             * @description When it was applied
             */
            createdAt: string;
            /** @description The API key that applied it */
            by: components["schemas"]["CorrectionActorDto"];
            /** @description The request that applied it (X-Request-Id), to find it in the logs */
            requestId: string;
            items: components["schemas"]["CorrectionItemsDto"];
            /**
             * Format: date-time
             * @description Earliest sample ts it changed; null when it changed nothing
             */
            changedFrom: string | null;
            /**
             * Format: date-time
             * @description Latest sample ts it changed; null when it changed nothing
             */
            changedTo: string | null;
        };
        CorrectionErrorDto: {
            /** @example 400 */
            statusCode: number;
            /** @example Bad Request */
            error: string;
            /** @example limit must not be greater than 500 */
            message: string;
            /**
             * @description Also in the X-Request-Id header; quote it when reporting a problem
             * @example 4f6c1f0e-1c1e-4a59-9c55-2f3d3c1b8a11
             */
            requestId: string;
            /** @description Each bad item (the first 1000); nothing was changed. Absent when the body as a whole was refused (not JSON, too deep, no reason, …) */
            errors?: components["schemas"]["CorrectionItemErrorDto"][];
        };
        CorrectionItemErrorDto: {
            /**
             * @description The item as sent: samples[i] or deletes[i] in JSON, line N in NDJSON
             * @example samples[3]
             */
            item: string;
            /**
             * @description resourceId, measurement, ts, value, an unexpected property, or item
             * @example value
             */
            field: string;
            /** @example samples[3].value must be a finite number (got string) */
            message: string;
        };
        CorrectionItemsDto: {
            /** @description Sample items sent */
            samples: number;
            /** @description Delete items sent */
            deletes: number;
            /** @description Samples that did not exist and were written */
            inserted: number;
            /** @description Samples whose value was replaced */
            updated: number;
            /** @description Samples deleted */
            deleted: number;
            /** @description Items that changed nothing: the stored value sent again, or a delete of a sample that did not exist */
            unchanged: number;
        };
        CorrectionPage: {
            items: components["schemas"]["CorrectionDto"][];
            /** @description Matching items in all pages */
            total: number;
        };
        CreateAlertRuleDto: {
            /** @example node down */
            name: string;
            /**
             * @description budget: the client's usage of the measurement this calendar month (in timeZone) against crit (and warn)
             * @default threshold
             * @enum {string}
             */
            kind?: "threshold" | "budget";
            /**
             * @description A measurement key of the catalog; counters are evaluated as a rate per second
             * @example node.up
             */
            measurement: string;
            /**
             * @description What the rule watches: every resource, or those of a client, a project, one resource, or a resource type
             * @enum {string}
             */
            scopeType: "all" | "client" | "project" | "resource" | "resource_type";
            /** @description The client, project or resource id, or the resource type (e.g. node); absent for all */
            scopeId?: string | null;
            /**
             * @description value <comparison> threshold breaches (budget rules: always >=)
             * @default >
             * @enum {string}
             */
            comparison?: ">" | ">=" | "<" | "<=";
            /** @example 80 */
            warn?: number | null;
            /**
             * @description For node.up with comparison <: crit 1 fires when the node does not answer
             * @example 1
             */
            crit?: number | null;
            /** @description Flap guard: evaluations in a row that must agree before the state changes (default 3; budget 1) */
            forEvaluations?: number;
            /**
             * @description Evaluations in a row without a sample before the series is nodata (never read as zero)
             * @default 3
             */
            nodataAfter?: number;
            /**
             * @description Budget rules: the zone whose calendar month counts
             * @default UTC
             */
            timeZone?: string;
            /**
             * @description Cut-off: at most this many notifications per incident, then silence until it recovers
             * @default 3
             */
            maxNotifications?: number;
            /**
             * @description Re-notify an unacknowledged open incident this often; 0: never
             * @default 240
             */
            renotifyMinutes?: number;
            /**
             * @description false: incidents open and show, but nothing is sent (recorded as alert.suppressed)
             * @default true
             */
            notificationsEnabled?: boolean;
            /**
             * @description false: not evaluated at all
             * @default true
             */
            enabled?: boolean;
        };
        CreateApiKeyDto: {
            /** @example invoicing export */
            name: string;
            /** @enum {string} */
            role: "admin" | "billing" | "client";
            /**
             * Format: uuid
             * @description Required for role client; absent or null for the others
             */
            clientId?: string | null;
            /** @description Extra rights for a client key: samples:write lets it push samples for its own resources */
            scopes?: "samples:write"[];
            /**
             * Format: date-time
             * @description After this instant the key answers 401 "expired". Default: it never expires.
             * @example 2027-01-01T00:00:00Z
             */
            expiresAt?: string;
        };
        CreateClientDto: {
            /** @example Acme Research Lab */
            name: string;
            /**
             * @description The provider's own customer reference; null clears it
             * @example CUST-0042
             */
            billingRef?: string | null;
            /** @default true */
            active?: boolean;
        };
        CreateClusterDto: {
            /**
             * @description Default (and null): https://<fqdn>:5080
             * @example https://cluster1.example.org:5080
             */
            rapiUrl?: string | null;
            /**
             * Format: uuid
             * @description A password credential for RAPI, when the cluster requires one
             */
            credentialId?: string | null;
            /**
             * @description system: public CAs; ca: caCertificate; fingerprint: pinned leaf; insecure: no check
             * @default system
             * @enum {string}
             */
            tlsMode?: "system" | "ca" | "fingerprint" | "insecure";
            /** @description PEM CA certificate; required with tlsMode ca */
            caCertificate?: string | null;
            /**
             * @description SHA-256 of the RAPI certificate, 64 hex digits, colons allowed; required with tlsMode fingerprint. Stored lower-case without colons.
             * @example AB:CD:…
             */
            tlsFingerprintSha256?: string | null;
            /** @default true */
            active?: boolean;
            /**
             * @description As ganeti-vm resources name it in clusterFqdn
             * @example cluster1.example.org
             */
            fqdn: string;
        };
        CreateCorrectionDto: {
            /**
             * @description Why; kept with the correction for good
             * @example Re-import October from the cluster accounting log (ticket 4711)
             */
            reason: string;
            /** @description Samples to write (insert or replace), in closed or open periods alike */
            samples?: components["schemas"]["PushSampleDto"][];
            /** @description Samples to delete */
            deletes?: components["schemas"]["CorrectionDeleteDto"][];
        };
        CreateCredentialDto: {
            /** @example fleet-ssh-2026 */
            name: string;
            /**
             * @description ssh-private-key for nodes, password for Ganeti RAPI
             * @enum {string}
             */
            kind: "ssh-private-key" | "password";
            /**
             * @description RAPI user for a password; informational for an SSH key
             * @example tally-ro
             */
            username?: string | null;
            /** @description The password, or an unencrypted PEM/OpenSSH private key (-----BEGIN ... PRIVATE KEY-----). Stored encrypted; never returned. */
            secret: string;
        };
        CreateMaintenanceWindowDto: {
            /** @example patch night */
            name: string;
            /** @enum {string} */
            scopeType: "all" | "client" | "project" | "resource";
            /**
             * Format: uuid
             * @description The client, project or resource; absent for all
             */
            scopeId?: string | null;
            /**
             * Format: date-time
             * @description One-off: the start. Recurring: when the recurrence begins
             */
            startsAt: string;
            /**
             * Format: date-time
             * @description One-off: the end (required). Recurring: when it stops; absent for never
             */
            endsAt?: string | null;
            /**
             * @default none
             * @enum {string}
             */
            recurrence?: "none" | "daily" | "weekly";
            /**
             * @description Weekly: ISO weekdays, 1 = Monday … 7 = Sunday
             * @example [
             *       2
             *     ]
             */
            weekdays?: number[];
            /**
             * @description Recurring: local start time in timeZone
             * @example 23:00
             */
            startTime?: string | null;
            /** @example 120 */
            durationMinutes?: number | null;
            /**
             * @default UTC
             * @example Europe/Berlin
             */
            timeZone?: string;
        };
        CreateMeasurementDto: {
            /**
             * @description Unit usage is shown in (CSV, billing page); it must convert exactly from the usage unit (byte·h → GiB·h or GiB·month, MiB·h → GiB·h, bool·h → h, s → CPU·h; a month is 730 h). `*` may stand for `·`. Default: the usage unit
             * @example GiB·h
             */
            displayUnit?: string;
            /**
             * @description Decimal places shown, rounded half-even; JSON keeps the exact value beside them
             * @default 3
             */
            displayPlaces?: number;
            /** @example db.storage */
            key: string;
            /**
             * @description gauge: a level (billed as value × time); counter: a running total (billed on its increases)
             * @enum {string}
             */
            kind: "gauge" | "counter";
            /**
             * @default
             * @example byte
             */
            unit?: string;
            /**
             * @default
             * @example Bytes stored by the managed database
             */
            description?: string;
            /**
             * @description Custom measurements are always pushed; accepted for clarity, nothing else is allowed
             * @enum {string}
             */
            source?: "push";
        };
        CreatePriceDto: {
            /**
             * @description Unit the price is quoted per; it must convert exactly from the measurement's usage unit (`*` may stand for `·`). Default: the measurement's display unit
             * @example GiB·h
             */
            priceUnit?: string;
            /**
             * @description A flat price per price unit, as decimal text. Give this or tiers
             * @example 0.04
             */
            unitPrice?: string;
            /** @description Graduated bands, bounds increasing, the last open. Give this or unitPrice */
            tiers?: components["schemas"]["TierDto"][];
            /**
             * Format: date-time
             * @description Start of the price (inclusive), ISO 8601 with an offset. Default 2000-01-01T00:00:00Z
             * @example 2026-12-01T00:00:00Z
             */
            effectiveFrom?: string;
            /**
             * Format: date-time
             * @description End of the price (exclusive); null or absent: no end
             * @example null
             */
            effectiveTo?: string | null;
            /**
             * @description A measurement key of the catalog
             * @example ganeti.memory
             */
            measurement: string;
            /**
             * @description End the price of this measurement in effect at effectiveFrom there, in the same transaction: a price change in one request
             * @default false
             */
            endPrevious?: boolean;
        };
        CreateProjectDto: {
            /** Format: uuid */
            clientId: string;
            /** @example genomics-pipeline */
            name: string;
            /** @description Free text; null clears it */
            description?: string | null;
            /**
             * @description The project's reference in the invoicing system (shown on reports); null clears it
             * @example PO-2026-117
             */
            billingRef?: string | null;
            /** @default true */
            active?: boolean;
        };
        CreateRateCardDto: {
            /** @example Standard 2027 */
            name: string;
            /**
             * @description ISO 4217; amounts are rounded to its minor unit (EUR 2 decimals, JPY 0, KWD 3)
             * @example EUR
             * @enum {string}
             */
            currency: "AED" | "AFN" | "ALL" | "AMD" | "ANG" | "AOA" | "ARS" | "AUD" | "AWG" | "AZN" | "BAM" | "BBD" | "BDT" | "BGN" | "BHD" | "BIF" | "BMD" | "BND" | "BOB" | "BRL" | "BSD" | "BTN" | "BWP" | "BYN" | "BZD" | "CAD" | "CDF" | "CHF" | "CLP" | "CNY" | "COP" | "CRC" | "CUP" | "CVE" | "CZK" | "DJF" | "DKK" | "DOP" | "DZD" | "EGP" | "ERN" | "ETB" | "EUR" | "FJD" | "FKP" | "GBP" | "GEL" | "GHS" | "GIP" | "GMD" | "GNF" | "GTQ" | "GYD" | "HKD" | "HNL" | "HTG" | "HUF" | "IDR" | "ILS" | "INR" | "IQD" | "IRR" | "ISK" | "JMD" | "JOD" | "JPY" | "KES" | "KGS" | "KHR" | "KMF" | "KPW" | "KRW" | "KWD" | "KYD" | "KZT" | "LAK" | "LBP" | "LKR" | "LRD" | "LSL" | "LYD" | "MAD" | "MDL" | "MGA" | "MKD" | "MMK" | "MNT" | "MOP" | "MRU" | "MUR" | "MVR" | "MWK" | "MXN" | "MYR" | "MZN" | "NAD" | "NGN" | "NIO" | "NOK" | "NPR" | "NZD" | "OMR" | "PAB" | "PEN" | "PGK" | "PHP" | "PKR" | "PLN" | "PYG" | "QAR" | "RON" | "RSD" | "RUB" | "RWF" | "SAR" | "SBD" | "SCR" | "SDG" | "SEK" | "SGD" | "SHP" | "SLE" | "SOS" | "SRD" | "SSP" | "STN" | "SVC" | "SYP" | "SZL" | "THB" | "TJS" | "TMT" | "TND" | "TOP" | "TRY" | "TTD" | "TWD" | "TZS" | "UAH" | "UGX" | "USD" | "UYU" | "UZS" | "VED" | "VES" | "VND" | "VUV" | "WST" | "XAF" | "XCD" | "XCG" | "XOF" | "XPF" | "YER" | "ZAR" | "ZMW" | "ZWG";
            /**
             * @default
             * @example List prices from January 2027
             */
            description?: string;
        };
        CreateResourceDto: {
            /**
             * @description ganeti-vm only, required there: the Ganeti cluster FQDN
             * @example cluster1.example.org
             */
            clusterFqdn?: string | null;
            /**
             * @description node only, required there: host name or IP address
             * @example node7.example.org
             */
            sshHost?: string | null;
            /**
             * @description node only
             * @default 22
             */
            sshPort?: number | null;
            /**
             * @description node only, required there
             * @example tally
             */
            sshUser?: string | null;
            /**
             * Format: uuid
             * @description node only, required there: an ssh-private-key credential
             */
            credentialId?: string | null;
            /**
             * @description node only: the pinned host key. Learnt on first contact; set it, or null it to accept a legitimately changed key.
             * @example SHA256:uS0h0bVSuZyTMLAaXkVAsGO7Rhd3a0tZbd8TJ64YS+k
             */
            hostKeySha256?: string | null;
            /**
             * @description Free-form string→string tags (at most 50)
             * @example {
             *       "rack": "b4",
             *       "owner": "genomics"
             *     }
             */
            labels?: {
                [key: string]: string;
            };
            /**
             * @description Measurement keys to collect; on create, default: all the type collects
             * @example [
             *       "cpu.busy",
             *       "memory.used"
             *     ]
             */
            measurements?: string[];
            /**
             * @description Inactive resources are not collected; their history stays
             * @default true
             */
            active?: boolean;
            /** Format: uuid */
            projectId: string;
            /**
             * @description For ganeti-vm, the instance name as the cluster knows it
             * @example web1.example.org
             */
            name: string;
            /**
             * @description ganeti-vm and node are collected; any other kind matching ^[a-z][a-z0-9-]{1,40}$ is push-only
             * @example node
             */
            type: string;
        };
        CreateWebhookDto: {
            /**
             * @description http:// or https://; private, loopback, link-local and metadata addresses are refused unless TALLY_WEBHOOKS_ALLOW_PRIVATE is set
             * @example https://example.net/tally-hook
             */
            url: string;
            /**
             * @description Event names, `prefix.*` or `*` (docs/events.md); a pattern that matches no event is refused
             * @example [
             *       "client.*",
             *       "host.down"
             *     ]
             */
            events: string[];
            /**
             * Format: uuid
             * @description Only this client's events. A client key's webhooks are always its own client's; an admin's without one get every event
             */
            clientId?: string | null;
            description?: string | null;
        };
        CreatedApiKeyDto: {
            /** Format: uuid */
            id: string;
            name: string;
            /** @enum {string} */
            role: "admin" | "billing" | "client";
            /** Format: uuid */
            clientId: string | null;
            scopes: "samples:write"[];
            /**
             * @description First characters of the key, to tell keys apart
             * @example tally_Ab12Cd
             */
            prefix: string;
            /** Format: date-time */
            createdAt: string;
            /**
             * Format: date-time
             * @description Last use, recorded at most once a minute
             */
            lastUsedAt: string | null;
            /**
             * @description Client address of that use (behind trusted proxies, the forwarded one)
             * @example 203.0.113.7
             */
            lastUsedFrom: string | null;
            /**
             * Format: date-time
             * @description When the key stops working; null: never
             */
            expiresAt: string | null;
            /**
             * Format: date-time
             * @description Until when the secret replaced by the last rotation works (or worked); null: never rotated
             */
            previousKeyExpiresAt: string | null;
            /** Format: date-time */
            revokedAt: string | null;
            /** @description The key itself. Shown only in this response; store it now. */
            key: string;
        };
        CreatedWebhookDto: {
            /** Format: uuid */
            id: string;
            /**
             * Format: uuid
             * @description null: every client (an admin subscription)
             */
            clientId: string | null;
            url: string;
            events: string[];
            description: string | null;
            active: boolean;
            /**
             * Format: date-time
             * @description When Tally disabled it for failing (webhook.disabled)
             */
            disabledAt: string | null;
            disabledReason: string | null;
            /**
             * Format: date-time
             * @description Since when deliveries fail without a success in between
             */
            failingSince: string | null;
            /**
             * Format: date-time
             * @description Until when the secret replaced by the last rotation also signs
             */
            previousSecretValidUntil: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /**
             * @description The signing secret (Standard Webhooks), in this response only
             * @example whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
             */
            secret: string;
        };
        CredentialDto: {
            /** Format: uuid */
            id: string;
            name: string;
            /** @enum {string} */
            kind: "ssh-private-key" | "password";
            username: string | null;
            /**
             * @description Always true: a secret is stored (encrypted), but never returned
             * @example true
             */
            hasSecret: boolean;
            /**
             * @description Version of TALLY_SECRET_KEYS the secret is encrypted with
             * @example 1
             */
            keyVersion: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        CredentialPage: {
            items: components["schemas"]["CredentialDto"][];
            /** @description Matching items in all pages */
            total: number;
        };
        DailySeriesDto: {
            /** Format: uuid */
            projectId: string;
            /** @example genomics */
            projectName: string;
            /** Format: uuid */
            resourceId: string;
            /** @example vm-1 */
            resourceName: string;
            /** @example ganeti.vcpus */
            measurementKey: string;
            /** @example vCPU·h */
            usageUnit: string;
            /**
             * @description One figure per day (as days): that day's report usage, 0 for none
             * @example [
             *       48,
             *       48,
             *       12
             *     ]
             */
            usage: number[];
        };
        DailyUsageDto: {
            client: components["schemas"]["ReportClientDto"];
            window: components["schemas"]["ReportWindowDto"];
            days: components["schemas"]["UsageDayDto"][];
            /** @description Ordered by project, resource and measurement */
            series: components["schemas"]["DailySeriesDto"][];
        };
        DeliveryDto: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            webhookId: string;
            /** @example 1042 */
            eventId: string;
            /** @example client.created */
            eventType: string;
            /** @description The webhook-id header, the same on every attempt */
            messageId: string;
            /** @enum {string} */
            status: "pending" | "delivered" | "failed";
            attempts: number;
            /** Format: date-time */
            nextAttemptAt: string | null;
            /** Format: date-time */
            lastAttemptAt: string | null;
            /** @description The receiver's HTTP status; null when it gave none */
            lastStatusCode: number | null;
            lastLatencyMs: number | null;
            lastError: string | null;
            /** Format: date-time */
            deliveredAt: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        DeliveryPage: {
            items: components["schemas"]["DeliveryDto"][];
            /** @description Matching items in all pages */
            total: number;
        };
        DeliveryWithAttemptsDto: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            webhookId: string;
            /** @example 1042 */
            eventId: string;
            /** @example client.created */
            eventType: string;
            /** @description The webhook-id header, the same on every attempt */
            messageId: string;
            /** @enum {string} */
            status: "pending" | "delivered" | "failed";
            attempts: number;
            /** Format: date-time */
            nextAttemptAt: string | null;
            /** Format: date-time */
            lastAttemptAt: string | null;
            /** @description The receiver's HTTP status; null when it gave none */
            lastStatusCode: number | null;
            lastLatencyMs: number | null;
            lastError: string | null;
            /** Format: date-time */
            deliveredAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** @description Every attempt, oldest first */
            attemptLog: components["schemas"]["AttemptDto"][];
        };
        DurationStatsDto: {
            /** @description Observations (outcomes or runs) the figures are taken from */
            count: number;
            p50: number;
            p95: number;
            mean: number;
        };
        ErrorDto: {
            /** @example 400 */
            statusCode: number;
            /** @example Bad Request */
            error: string;
            /** @example limit must not be greater than 500 */
            message: string;
            /**
             * @description Also in the X-Request-Id header; quote it when reporting a problem
             * @example 4f6c1f0e-1c1e-4a59-9c55-2f3d3c1b8a11
             */
            requestId: string;
        };
        EventActorDto: {
            /** Format: uuid */
            keyId: string | null;
            keyName: string | null;
            /** @example admin */
            role: string | null;
            requestId: string | null;
            /** @example 192.0.2.10 */
            address: string | null;
        };
        EventDto: {
            /**
             * @description Increasing, but events can commit out of id order: page with `after`, not by id
             * @example 1042
             */
            id: string;
            /**
             * @description docs/events.md lists every event and its payload
             * @example client.updated
             */
            type: string;
            /**
             * @description Payload version of this event type
             * @example 1
             */
            version: number;
            /** Format: date-time */
            occurredAt: string;
            /**
             * Format: uuid
             * @description The client the event belongs to; null for installation-wide events
             */
            clientId: string | null;
            subject: components["schemas"]["EventSubjectDto"];
            /** @description Who made the change; null for the worker's own happenings */
            actor: components["schemas"]["EventActorDto"] | null;
            /** @description The payload of this type and version */
            data: {
                [key: string]: unknown;
            };
            /** @description Changed fields, `{ before, after }`; a secret shows only `{ changed: true }` */
            changes: {
                [key: string]: unknown;
            } | null;
        };
        EventPageDto: {
            items: components["schemas"]["EventDto"][];
            /** @description Matching events in all pages */
            total: number;
            /** @description With `after`: pass this as `after` to get the events that follow (the same value when none did yet) */
            nextCursor: string | null;
        };
        EventSubjectDto: {
            /** @example client */
            type: string;
            /** @example 0b7e… */
            id: string;
        };
        GanetiInstanceDto: {
            /** @example vm1.example.org */
            name: string;
            /** @example running */
            status: string;
            adminUp: boolean | null;
            vcpus: number;
            /** @description MiB */
            memoryMiB: number;
            /** @description MiB */
            diskMiB: number;
            primaryNode?: string;
        };
        HookDto: {
            /** @example require-billing-ref */
            name: string;
            /**
             * @description The module (TALLY_HOOKS) that turns it on
             * @example policy-billing-ref
             */
            module: string;
            /**
             * @description before: inside the request, may refuse (422); after: from the event log, in the worker
             * @enum {string}
             */
            phase: "before" | "after";
            /**
             * @example [
             *       "client.created",
             *       "client.updated"
             *     ]
             */
            events: string[];
            description: string;
        };
        HookListDto: {
            items: components["schemas"]["HookDto"][];
            total: number;
        };
        LastPollDto: {
            /** Format: date-time */
            at: string;
            ok: boolean;
            reason: string | null;
        };
        LiveDto: {
            /** @enum {string} */
            status: "up";
        };
        MaintenanceWindowDto: {
            /** Format: uuid */
            id: string;
            name: string;
            /** @enum {string} */
            scopeType: "all" | "client" | "project" | "resource";
            scopeId: string | null;
            /** Format: date-time */
            startsAt: string;
            /** Format: date-time */
            endsAt: string | null;
            /** @enum {string} */
            recurrence: "none" | "daily" | "weekly";
            weekdays: number[];
            startTime: string | null;
            durationMinutes: number | null;
            timeZone: string;
            /** Format: date-time */
            createdAt: string;
        };
        MaintenanceWindowPage: {
            items: components["schemas"]["MaintenanceWindowDto"][];
            /** @description Matching items in all pages */
            total: number;
        };
        MeasurementDto: {
            /** @example disk.used */
            key: string;
            /** @enum {string} */
            kind: "gauge" | "counter";
            /**
             * @description May be empty (a plain number)
             * @example byte
             */
            unit: string;
            /**
             * @description Unit of report usage: unit·h for gauges (h when unitless), unit for counters
             * @example byte·h
             */
            usageUnit: string;
            /**
             * @description Unit usage is shown in
             * @example GiB·month
             */
            displayUnit: string;
            /**
             * @description Decimal places shown
             * @example 3
             */
            displayPlaces: number;
            /**
             * @description Who produces it: the Ganeti or SSH collector, or a client pushing samples
             * @enum {string}
             */
            source: "ganeti" | "ssh" | "push";
            description: string;
            /** @description Shipped with Tally; only its display unit and places can be changed */
            builtin: boolean;
            /** Format: date-time */
            createdAt: string;
        };
        MeasurementPage: {
            items: components["schemas"]["MeasurementDto"][];
            /** @description Matching items in all pages */
            total: number;
        };
        OverrideDto: {
            /**
             * @description Unit the price is quoted per; it must convert exactly from the measurement's usage unit (`*` may stand for `·`). Default: the measurement's display unit
             * @example GiB·h
             */
            priceUnit?: string;
            /**
             * @description A flat price per price unit, as decimal text. Give this or tiers
             * @example 0.04
             */
            unitPrice?: string;
            /** @description Graduated bands, bounds increasing, the last open. Give this or unitPrice */
            tiers?: components["schemas"]["TierDto"][];
            /**
             * Format: date-time
             * @description Start of the price (inclusive), ISO 8601 with an offset. Default 2000-01-01T00:00:00Z
             * @example 2026-12-01T00:00:00Z
             */
            effectiveFrom?: string;
            /**
             * Format: date-time
             * @description End of the price (exclusive); null or absent: no end
             * @example null
             */
            effectiveTo?: string | null;
            /**
             * @description A measurement key of the catalog
             * @example ganeti.memory
             */
            measurement: string;
        };
        PostgresCheckDto: {
            /**
             * @description `busy`: Postgres answers, but callers are waiting for a connection; `down`: it did not answer
             * @enum {string}
             */
            status: "up" | "busy" | "down";
            /** @description Round trip of the probe, on a connection of its own */
            latencyMs: number;
            /** @description The process's connection pool */
            pool: components["schemas"]["ConnectionLoadDto"];
            /** @description Reports' share of that pool */
            reports: components["schemas"]["ConnectionLoadDto"];
            /** @description Why it is down */
            error?: string;
        };
        PriceDto: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            rateCardId: string;
            /**
             * Format: uuid
             * @description Set on a client's override
             */
            clientId: string | null;
            /** @example ganeti.memory */
            measurement: string;
            /**
             * @description The card's currency
             * @example EUR
             */
            currency: string;
            /** @example GiB·h */
            priceUnit: string;
            /**
             * @description Flat price, or null when tiered
             * @example 0.04
             */
            unitPrice: string | null;
            /** @description Graduated bands, or null when flat */
            tiers: components["schemas"]["TierDto"][] | null;
            /** Format: date-time */
            effectiveFrom: string;
            /** Format: date-time */
            effectiveTo: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        ProjectDto: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            clientId: string;
            name: string;
            description: string | null;
            billingRef: string | null;
            active: boolean;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        ProjectPage: {
            items: components["schemas"]["ProjectDto"][];
            /** @description Matching items in all pages */
            total: number;
        };
        PushSampleDto: {
            /**
             * Format: uuid
             * @description A resource this key may write to
             */
            resourceId: string;
            /**
             * @description A catalog key; client keys may push only measurements of source push
             * @example db.storage
             */
            measurement: string;
            /**
             * Format: date-time
             * @description ISO 8601 with an offset or Z; from 2000-01-01 to 24 h ahead; stored to the millisecond
             * @example 2026-11-23T10:00:00Z
             */
            ts: string;
            /**
             * @description A JSON number from -1e21 to 1e21 that is 0 or at least 1e-300 in magnitude: room for any 64-bit counter (1.8e19) and negative gauges, and a range in which no report sum can overflow. Anything else is refused with a 400 naming the item
             * @example 52428800
             */
            value: number;
        };
        PushSamplesDto: {
            /** @description At most one item per (resourceId, measurement, ts): a repeat inside one batch is rejected */
            samples: components["schemas"]["PushSampleDto"][];
        };
        PushSamplesResultDto: {
            /**
             * @description Samples stored; a resent sample replaces the stored value, so resending a batch changes nothing
             * @example 120
             */
            accepted: number;
        };
        RateCardAssignmentDto: {
            /** Format: uuid */
            clientId: string;
            rateCard: components["schemas"]["RateCardDto"];
            overrides: components["schemas"]["PriceDto"][];
            /**
             * Format: date-time
             * @description When the client was first assigned a card
             */
            assignedAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        RateCardDetailDto: {
            /** Format: uuid */
            id: string;
            name: string;
            /** @example EUR */
            currency: string;
            /**
             * @description Decimal places of every amount in this currency
             * @example 2
             */
            minorUnits: number;
            description: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description The card's own prices (clients' overrides are on their assignment), by measurement key, then start */
            prices: components["schemas"]["PriceDto"][];
        };
        RateCardDto: {
            /** Format: uuid */
            id: string;
            name: string;
            /** @example EUR */
            currency: string;
            /**
             * @description Decimal places of every amount in this currency
             * @example 2
             */
            minorUnits: number;
            description: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        RateCardPage: {
            items: components["schemas"]["RateCardDto"][];
            /** @description Matching items in all pages */
            total: number;
        };
        ReadyChecksDto: {
            postgres: components["schemas"]["PostgresCheckDto"];
            redis: components["schemas"]["RedisCheckDto"];
            schedules: components["schemas"]["SchedulesCheckDto"];
        };
        ReadyDto: {
            /**
             * @description `busy` still serves: requests may wait a little for a database connection. `degraded` still serves too, but collection is not happening as scheduled (checks.schedules says why): alert on it, do not take the API out of rotation
             * @enum {string}
             */
            status: "up" | "busy" | "degraded";
            checks: components["schemas"]["ReadyChecksDto"];
        };
        RedisCheckDto: {
            /** @enum {string} */
            status: "up" | "down";
            /** @description Why it is down */
            error?: string;
        };
        ReportClientDto: {
            /** Format: uuid */
            id: string;
            /** @example Acme Research Lab */
            name: string;
            /**
             * @description The client's reference in the invoicing system
             * @example CUST-0042
             */
            billingRef: string | null;
        };
        ReportDto: {
            client: components["schemas"]["ReportClientDto"];
            window: components["schemas"]["ReportWindowDto"];
            /**
             * @description Collection interval the expected slots and gauge hold times use
             * @example 30
             */
            intervalMinutes: number;
            /**
             * Format: date-time
             * @description When the report was computed; "now" for expected slots
             */
            generatedAt: string;
            /**
             * @description provisional: the window ended less than one interval plus the pre-cache lead ago, or the read replica the report came from was further behind the primary than TALLY_REPLICA_MAX_LAG_SECONDS, so numbers may still change
             * @enum {string}
             */
            status: "provisional" | "final";
            /**
             * @description Seconds the read replica (DATABASE_READ_URL) was behind the primary when the report began; null when reports read the primary
             * @example 0.4
             */
            replicaLagSeconds: number | null;
            /** @description Ordered by name */
            projects: components["schemas"]["ReportProjectDto"][];
            /** @description Totals of the whole client per measurement */
            totals: components["schemas"]["ReportTotalDto"][];
            /**
             * @description Σ of the client's rounded line amounts: what the statement totals; null when none has one
             * @example 79.79
             */
            amount: string | null;
            /** @example EUR */
            currency: string | null;
            /** @description The window in tz */
            windowLocal: components["schemas"]["ReportLocalWindowDto"];
        };
        ReportLocalWindowDto: {
            /**
             * @description Window start as wall-clock time in tz, with its offset
             * @example 2026-10-01T00:00:00+02:00
             */
            from: string;
            /**
             * @description Window end (exclusive) in tz
             * @example 2026-11-01T00:00:00+01:00
             */
            to: string;
        };
        ReportMeasurementDto: {
            /** @example ganeti.vcpus */
            key: string;
            /** @enum {string} */
            kind: "gauge" | "counter";
            /**
             * @description Unit of the raw samples; may be empty
             * @example vCPU
             */
            unit: string;
            /**
             * @description Samples with from ≤ ts < to
             * @example 1440
             */
            samples: number;
            /**
             * @description Collection slots starting in [from, min(to, generatedAt))
             * @example 1440
             */
            expected: number;
            /**
             * @description samples ÷ expected; null when nothing was expected
             * @example 1
             */
            coverage: number | null;
            /** @description null without samples */
            min: number | null;
            /** @description null without samples */
            max: number | null;
            /** @description Mean of the samples (not time-weighted); null without samples */
            avg: number | null;
            /** @description Latest sample in the window; null without samples */
            last: number | null;
            /**
             * @description Gauge: value × hours held; counter: sum of increases. 0 without samples
             * @example 2880
             */
            usage: number;
            /**
             * @description <unit>·h for gauges, <unit> for counters
             * @example vCPU·h
             */
            usageUnit: string;
            /**
             * @description Corrections (POST /api/v1/corrections) that changed this series in the window, or for a counter also its baseline before the window; 0 for none
             * @example 0
             */
            corrections: number;
            /**
             * Format: date-time
             * @description When the latest of those corrections was applied; null for none
             */
            correctedAt: string | null;
            /**
             * @description Decimal text: the one rate behind amount, per priceUnit; null when tiers, a price change or no price mean there is none
             * @example 0.04
             */
            unitPrice: string | null;
            /** @example vCPU·h */
            priceUnit: string | null;
            /**
             * @description Decimal text with the currency's minor digits: usage × price exactly, rounded once half-even (docs/pricing.md); null when no price covers the line (never "0" for that; pricing says why)
             * @example 64.80
             */
            amount: string | null;
            /**
             * @description The rate card's ISO 4217 currency; null when the client has none
             * @example EUR
             */
            currency: string | null;
            /**
             * @description How the amount came about, or why there is none ("not priced: …")
             * @example 1440 vCPU·h × 0.04
             */
            pricing: string;
            /**
             * @description Decimal text: usage in displayUnit, rounded half-even to the measurement's display places; usage keeps the exact value
             * @example 723.094
             */
            displayUsage: string;
            /** @example GiB·h */
            displayUnit: string;
        };
        ReportProjectDto: {
            /** Format: uuid */
            id: string;
            /** @example genomics-pipeline */
            name: string;
            /**
             * @description The project's reference in the invoicing system
             * @example PO-2026-117
             */
            billingRef: string | null;
            /** @description Ordered by name */
            resources: components["schemas"]["ReportResourceDto"][];
            /** @description Subtotals of this project per measurement */
            totals: components["schemas"]["ReportTotalDto"][];
            /**
             * @description Σ of the project's rounded line amounts; null when none has one
             * @example 79.79
             */
            amount: string | null;
            /** @example EUR */
            currency: string | null;
        };
        ReportResourceDto: {
            /** Format: uuid */
            id: string;
            /** @example web-1.example.org */
            name: string;
            /** @example ganeti-vm */
            type: string;
            /** @description false for a deactivated resource that still has samples in the window */
            active: boolean;
            /**
             * @description Resource labels
             * @example {
             *       "env": "prod"
             *     }
             */
            labels: {
                [key: string]: string;
            };
            /** @description Ordered by key */
            measurements: components["schemas"]["ReportMeasurementDto"][];
        };
        ReportSummaryDto: {
            window: components["schemas"]["ReportWindowDto"];
            /**
             * Format: date-time
             * @description "now" for expected slots, as in the report
             */
            generatedAt: string;
            /**
             * @description Slots expected for each report line in this window
             * @example 336
             */
            expectedPerLine: number;
            /** @description Every client the key may see, ordered by name */
            clients: components["schemas"]["ClientSummaryDto"][];
        };
        ReportTotalDto: {
            /** @example ganeti.vcpus */
            key: string;
            /** @enum {string} */
            kind: "gauge" | "counter";
            /**
             * @description Usages are only summed within one unit
             * @example vCPU·h
             */
            usageUnit: string;
            /** @example 5760 */
            usage: number;
            /** @example 2880 */
            samples: number;
            /** @example 2880 */
            expected: number;
            /** @description Σ samples ÷ Σ expected; null when nothing was expected */
            coverage: number | null;
            /**
             * @description How many resources were summed
             * @example 2
             */
            resources: number;
            /**
             * @description Σ of the rounded line amounts; null when no line has one
             * @example 64.80
             */
            amount: string | null;
            /** @example EUR */
            currency: string | null;
        };
        ReportWindowDto: {
            /**
             * Format: date-time
             * @description Inclusive, UTC
             */
            from: string;
            /**
             * Format: date-time
             * @description Exclusive, UTC
             */
            to: string;
            /**
             * @description Zone the window dates were given in
             * @example Europe/Berlin
             */
            tz: string;
        };
        ResourceCollectionDto: {
            /**
             * @description ok: its latest poll answered (or it has not failed yet); failing: its latest polls failed, still polled every slot; backing_off: failed TALLY_BACKOFF_AFTER_FAILURES slots in a row or more, so scheduled slots before nextPollSlot are skipped (recorded as outcomes with the reason). A POST /collections naming it always polls it.
             * @enum {string}
             */
            state: "ok" | "failing" | "backing_off";
            /** @description Polled slots in a row that failed */
            failures: number;
            /**
             * Format: date-time
             * @description The first failed slot of the current run of failures
             */
            failingSince: string | null;
            /**
             * Format: date-time
             * @description While backing off: the next slot it is polled at
             */
            nextPollSlot: string | null;
        };
        ResourceDetailDto: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            projectId: string;
            /**
             * Format: uuid
             * @description The project's client
             */
            clientId: string;
            name: string;
            /** @example ganeti-vm */
            type: string;
            clusterFqdn: string | null;
            sshHost: string | null;
            sshPort: number | null;
            sshUser: string | null;
            /** Format: uuid */
            credentialId: string | null;
            hostKeySha256: string | null;
            /**
             * @description Free-form string→string tags (at most 50)
             * @example {
             *       "rack": "b4",
             *       "owner": "genomics"
             *     }
             */
            labels: {
                [key: string]: string;
            };
            /** @description Measurement keys it collects or accepts */
            measurements: string[];
            active: boolean;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description How its collection goes; null for push-only and Ganeti VM resources (read from the cluster cache) */
            collection: components["schemas"]["ResourceCollectionDto"] | null;
        };
        ResourceDto: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            projectId: string;
            /**
             * Format: uuid
             * @description The project's client
             */
            clientId: string;
            name: string;
            /** @example ganeti-vm */
            type: string;
            clusterFqdn: string | null;
            sshHost: string | null;
            sshPort: number | null;
            sshUser: string | null;
            /** Format: uuid */
            credentialId: string | null;
            hostKeySha256: string | null;
            /**
             * @description Free-form string→string tags (at most 50)
             * @example {
             *       "rack": "b4",
             *       "owner": "genomics"
             *     }
             */
            labels: {
                [key: string]: string;
            };
            /** @description Measurement keys it collects or accepts */
            measurements: string[];
            active: boolean;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        ResourceNotificationsDto: {
            /** @description false: no alert notifications about this resource (incidents still open, marked suppressed) */
            enabled: boolean;
            /** @default  */
            reason?: string;
        };
        ResourceNotificationsStateDto: {
            /** Format: uuid */
            resourceId: string;
            /** Format: uuid */
            clientId: string;
            enabled: boolean;
            reason: string | null;
            /** Format: date-time */
            since: string | null;
        };
        ResourcePage: {
            items: components["schemas"]["ResourceDto"][];
            /** @description Matching items in all pages */
            total: number;
        };
        RotateApiKeyDto: {
            /**
             * @description How long the replaced secret keeps working, in seconds (0: it stops at once)
             * @default 86400
             */
            overlapSeconds?: number;
        };
        RotateWebhookSecretDto: {
            /**
             * @description How long the old secret keeps signing beside the new one
             * @default 86400
             */
            overlapSeconds?: number;
        };
        RunOutcomeDto: {
            /** @description Resource id (collect) or cluster FQDN (precache) */
            target: string;
            /** @enum {string} */
            targetType: "resource" | "cluster";
            /** @description Resource name, when the target is a resource that still exists */
            name?: string;
            /** @description Resource type, when the target is a resource that still exists */
            type?: string;
            ok: boolean;
            /** @description Why it failed (or what was odd), for an operator to act on */
            reason?: string;
            /** @description Samples written (resource) or instances cached (cluster) */
            samples: number;
            /** Format: date-time */
            at: string;
            /** @description How long the poll (or the cluster fetch) took; absent when nothing was contacted (a cached VM, a skipped slot) */
            durationMs?: number;
        };
        SampleBatchErrorDto: {
            /** @example 400 */
            statusCode: number;
            /** @example Bad Request */
            error: string;
            /** @example limit must not be greater than 500 */
            message: string;
            /**
             * @description Also in the X-Request-Id header; quote it when reporting a problem
             * @example 4f6c1f0e-1c1e-4a59-9c55-2f3d3c1b8a11
             */
            requestId: string;
            /** @description Each bad item (the first 1000 errors), when items were refused; absent when the body itself was (not JSON, not { samples: [...] }). Nothing of the batch was stored */
            errors?: components["schemas"]["SampleItemErrorDto"][];
        };
        SampleClosedPeriodErrorDto: {
            /** @example 400 */
            statusCode: number;
            /** @example Bad Request */
            error: string;
            /** @example limit must not be greater than 500 */
            message: string;
            /**
             * @description Also in the X-Request-Id header; quote it when reporting a problem
             * @example 4f6c1f0e-1c1e-4a59-9c55-2f3d3c1b8a11
             */
            requestId: string;
            /**
             * Format: date-time
             * @description Data stamped before this instant is closed (now − interval − pre-cache lead − TALLY_LATE_PUSH_GRACE_MINUTES); change it with POST /api/v1/corrections
             * @example 2026-12-01T06:15:00.000Z
             */
            closedBefore: string;
            /** @description Each item before closedBefore (the first 1000); nothing of the batch was stored */
            errors: components["schemas"]["SampleItemErrorDto"][];
        };
        SampleDto: {
            /** @example disk.used */
            measurement: string;
            /** Format: date-time */
            ts: string;
            /** @example 52428800 */
            value: number;
        };
        SampleItemErrorDto: {
            /**
             * @description Position of the bad item in `samples`
             * @example 3
             */
            index: number;
            /**
             * @description resourceId, measurement, ts, value, an unexpected property, or item when the item is not an object
             * @example value
             */
            field: string;
            /** @example samples[3].value must be a finite number (got string) */
            message: string;
        };
        SamplePage: {
            items: components["schemas"]["SampleDto"][];
            /** @description Matching items in all pages */
            total: number;
        };
        ScheduleDto: {
            /** @example schedule-collect-slot */
            id: string;
            /** @example collect-slot */
            job: string;
            /** @example tally-collect */
            queue: string;
            /**
             * @description Cron with seconds, UTC
             * @example 0 0,30 * * * *
             */
            pattern: string;
            /** @description False when no worker has registered it: nothing runs on schedule until a worker starts */
            registered: boolean;
            /** Format: date-time */
            next: string | null;
            /** @description The latest run this schedule started */
            lastRun: components["schemas"]["CollectionRunDto"] | null;
            /**
             * @description `degraded`: slots are owed (a scheduled run exists) and this scheduler is missing, fires at another pattern, or (collection) no slot was collected within one interval plus TALLY_SCHEDULE_GRACE_SECONDS
             * @enum {string}
             */
            status: "up" | "degraded";
            /** @description Why it is degraded */
            problem?: string;
        };
        SchedulesCheckDto: {
            /**
             * @description `degraded`: a job scheduler is missing or wrong, or no slot was collected within one interval plus TALLY_SCHEDULE_GRACE_SECONDS (judged once a scheduled run exists); `unknown`: Redis or Postgres did not answer, so it could not be checked
             * @enum {string}
             */
            status: "up" | "degraded" | "unknown";
            /** @description What is wrong, for an operator (GET /api/v1/collections/schedules has the detail) */
            problems: string[];
        };
        SlotDurationDto: {
            /** @description Observations (outcomes or runs) the figures are taken from */
            count: number;
            p50: number;
            p95: number;
            mean: number;
            max: number;
        };
        StatusDto: {
            /** Format: date-time */
            generatedAt: string;
            items: components["schemas"]["StatusEntryDto"][];
        };
        StatusEntryDto: {
            /** @enum {string} */
            kind: "host" | "cluster";
            id: string;
            name: string;
            type: string;
            clientId: string | null;
            clientName: string | null;
            /** @enum {string} */
            state: "up" | "down" | "flapping" | "maintenance" | "unknown";
            lastPoll: components["schemas"]["LastPollDto"] | null;
            /** @description The maintenance window covering it now */
            maintenance: string | null;
            /** @description Not tracked yet: always null */
            backingOff: boolean | null;
            incidents: components["schemas"]["StatusIncidentDto"][];
        };
        StatusIncidentDto: {
            id: number;
            ruleName: string;
            /** @enum {string} */
            severity: "warn" | "crit" | "nodata";
            /** Format: date-time */
            openedAt: string;
            acknowledgedAt: string | null;
            suppressed: string | null;
            flapping: boolean;
        };
        SummaryResourcesDto: {
            /**
             * @description Active resources the collector reads (ganeti-vm, node)
             * @example 3
             */
            collected: number;
            /**
             * @description Active push-only resources (any other type)
             * @example 1
             */
            pushed: number;
            /**
             * @description Deactivated resources
             * @example 0
             */
            inactive: number;
            /**
             * @description Active collected resources with an ok outcome in the latest collection run
             * @example 3
             */
            collectedOk: number;
        };
        TierDto: {
            /**
             * @description Upper bound of the band in the price unit, counted from 0 over the line; null for the last band, which has no end
             * @example 1000
             */
            upTo: string | null;
            /**
             * @description Price per price unit within the band; decimal text, not negative
             * @example 0.01
             */
            unitPrice: string;
        };
        TriggerCollectionDto: {
            /**
             * Format: date-time
             * @description Any instant in the slot to collect; aligned down to the slot start (UTC). Default: the current slot. Not in the future, and not a closed slot (409).
             * @example 2026-11-23T10:30:00Z
             */
            slot?: string;
            /** @description Also collect these `node` and `ganeti-vm` resources into the slot's run now, whatever else has claimed the slot: once its collection has finished, each of them without an outcome in it is added to it (a resource is collected at most once per slot). They must exist and be active, with their project and client. Follow them with GET /collections/{id}?target=<id>. */
            resourceIds?: string[];
        };
        UnassignedInstancesDto: {
            /** @example cluster1.example.org */
            cluster: string;
            /**
             * Format: date-time
             * @description When the cached answer was fetched; null if never
             */
            fetchedAt: string | null;
            items: components["schemas"]["GanetiInstanceDto"][];
            /** @description Matching items in all pages */
            total: number;
        };
        UpdateAlertRuleDto: {
            /** @example node down */
            name?: string;
            /**
             * @description budget: the client's usage of the measurement this calendar month (in timeZone) against crit (and warn)
             * @default threshold
             * @enum {string}
             */
            kind?: "threshold" | "budget";
            /**
             * @description A measurement key of the catalog; counters are evaluated as a rate per second
             * @example node.up
             */
            measurement?: string;
            /**
             * @description What the rule watches: every resource, or those of a client, a project, one resource, or a resource type
             * @enum {string}
             */
            scopeType?: "all" | "client" | "project" | "resource" | "resource_type";
            /** @description The client, project or resource id, or the resource type (e.g. node); absent for all */
            scopeId?: string | null;
            /**
             * @description value <comparison> threshold breaches (budget rules: always >=)
             * @default >
             * @enum {string}
             */
            comparison?: ">" | ">=" | "<" | "<=";
            /** @example 80 */
            warn?: number | null;
            /**
             * @description For node.up with comparison <: crit 1 fires when the node does not answer
             * @example 1
             */
            crit?: number | null;
            /** @description Flap guard: evaluations in a row that must agree before the state changes (default 3; budget 1) */
            forEvaluations?: number;
            /**
             * @description Evaluations in a row without a sample before the series is nodata (never read as zero)
             * @default 3
             */
            nodataAfter?: number;
            /**
             * @description Budget rules: the zone whose calendar month counts
             * @default UTC
             */
            timeZone?: string;
            /**
             * @description Cut-off: at most this many notifications per incident, then silence until it recovers
             * @default 3
             */
            maxNotifications?: number;
            /**
             * @description Re-notify an unacknowledged open incident this often; 0: never
             * @default 240
             */
            renotifyMinutes?: number;
            /**
             * @description false: incidents open and show, but nothing is sent (recorded as alert.suppressed)
             * @default true
             */
            notificationsEnabled?: boolean;
            /**
             * @description false: not evaluated at all
             * @default true
             */
            enabled?: boolean;
        };
        UpdateClientDto: {
            /** @example Acme Research Lab */
            name?: string;
            /**
             * @description The provider's own customer reference; null clears it
             * @example CUST-0042
             */
            billingRef?: string | null;
            /** @default true */
            active?: boolean;
        };
        UpdateClusterDto: {
            /**
             * @description Default (and null): https://<fqdn>:5080
             * @example https://cluster1.example.org:5080
             */
            rapiUrl?: string | null;
            /**
             * Format: uuid
             * @description A password credential for RAPI, when the cluster requires one
             */
            credentialId?: string | null;
            /**
             * @description system: public CAs; ca: caCertificate; fingerprint: pinned leaf; insecure: no check
             * @default system
             * @enum {string}
             */
            tlsMode?: "system" | "ca" | "fingerprint" | "insecure";
            /** @description PEM CA certificate; required with tlsMode ca */
            caCertificate?: string | null;
            /**
             * @description SHA-256 of the RAPI certificate, 64 hex digits, colons allowed; required with tlsMode fingerprint. Stored lower-case without colons.
             * @example AB:CD:…
             */
            tlsFingerprintSha256?: string | null;
            /** @default true */
            active?: boolean;
        };
        UpdateCredentialDto: {
            name?: string;
            username?: string | null;
            /** @description A new secret, sealed with the active key version */
            secret?: string;
        };
        UpdateMaintenanceWindowDto: {
            /** @example patch night */
            name?: string;
            /** @enum {string} */
            scopeType?: "all" | "client" | "project" | "resource";
            /**
             * Format: uuid
             * @description The client, project or resource; absent for all
             */
            scopeId?: string | null;
            /**
             * Format: date-time
             * @description One-off: the start. Recurring: when the recurrence begins
             */
            startsAt?: string;
            /**
             * Format: date-time
             * @description One-off: the end (required). Recurring: when it stops; absent for never
             */
            endsAt?: string | null;
            /**
             * @default none
             * @enum {string}
             */
            recurrence?: "none" | "daily" | "weekly";
            /**
             * @description Weekly: ISO weekdays, 1 = Monday … 7 = Sunday
             * @example [
             *       2
             *     ]
             */
            weekdays?: number[];
            /**
             * @description Recurring: local start time in timeZone
             * @example 23:00
             */
            startTime?: string | null;
            /** @example 120 */
            durationMinutes?: number | null;
            /**
             * @default UTC
             * @example Europe/Berlin
             */
            timeZone?: string;
        };
        UpdateMeasurementDto: {
            /**
             * @description Unit usage is shown in (CSV, billing page); it must convert exactly from the usage unit (byte·h → GiB·h or GiB·month, MiB·h → GiB·h, bool·h → h, s → CPU·h; a month is 730 h). `*` may stand for `·`. Default: the usage unit
             * @example GiB·h
             */
            displayUnit?: string;
            /**
             * @description Decimal places shown, rounded half-even; JSON keeps the exact value beside them
             * @default 3
             */
            displayPlaces?: number;
        };
        UpdatePriceDto: {
            /**
             * @description Unit the price is quoted per; it must convert exactly from the measurement's usage unit (`*` may stand for `·`). Default: the measurement's display unit
             * @example GiB·h
             */
            priceUnit?: string;
            /**
             * @description A flat price per price unit, as decimal text. Give this or tiers
             * @example 0.04
             */
            unitPrice?: string;
            /** @description Graduated bands, bounds increasing, the last open. Give this or unitPrice */
            tiers?: components["schemas"]["TierDto"][];
            /**
             * Format: date-time
             * @description Start of the price (inclusive), ISO 8601 with an offset. Default 2000-01-01T00:00:00Z
             * @example 2026-12-01T00:00:00Z
             */
            effectiveFrom?: string;
            /**
             * Format: date-time
             * @description End of the price (exclusive); null or absent: no end
             * @example null
             */
            effectiveTo?: string | null;
        };
        UpdateProjectDto: {
            name?: string;
            /** @description Free text; null clears it */
            description?: string | null;
            /**
             * @description The project's reference in the invoicing system (shown on reports); null clears it
             * @example PO-2026-117
             */
            billingRef?: string | null;
            active?: boolean;
        };
        UpdateRateCardDto: {
            /** @example Standard 2027 */
            name?: string;
            /**
             * @description ISO 4217; amounts are rounded to its minor unit (EUR 2 decimals, JPY 0, KWD 3)
             * @example EUR
             * @enum {string}
             */
            currency?: "AED" | "AFN" | "ALL" | "AMD" | "ANG" | "AOA" | "ARS" | "AUD" | "AWG" | "AZN" | "BAM" | "BBD" | "BDT" | "BGN" | "BHD" | "BIF" | "BMD" | "BND" | "BOB" | "BRL" | "BSD" | "BTN" | "BWP" | "BYN" | "BZD" | "CAD" | "CDF" | "CHF" | "CLP" | "CNY" | "COP" | "CRC" | "CUP" | "CVE" | "CZK" | "DJF" | "DKK" | "DOP" | "DZD" | "EGP" | "ERN" | "ETB" | "EUR" | "FJD" | "FKP" | "GBP" | "GEL" | "GHS" | "GIP" | "GMD" | "GNF" | "GTQ" | "GYD" | "HKD" | "HNL" | "HTG" | "HUF" | "IDR" | "ILS" | "INR" | "IQD" | "IRR" | "ISK" | "JMD" | "JOD" | "JPY" | "KES" | "KGS" | "KHR" | "KMF" | "KPW" | "KRW" | "KWD" | "KYD" | "KZT" | "LAK" | "LBP" | "LKR" | "LRD" | "LSL" | "LYD" | "MAD" | "MDL" | "MGA" | "MKD" | "MMK" | "MNT" | "MOP" | "MRU" | "MUR" | "MVR" | "MWK" | "MXN" | "MYR" | "MZN" | "NAD" | "NGN" | "NIO" | "NOK" | "NPR" | "NZD" | "OMR" | "PAB" | "PEN" | "PGK" | "PHP" | "PKR" | "PLN" | "PYG" | "QAR" | "RON" | "RSD" | "RUB" | "RWF" | "SAR" | "SBD" | "SCR" | "SDG" | "SEK" | "SGD" | "SHP" | "SLE" | "SOS" | "SRD" | "SSP" | "STN" | "SVC" | "SYP" | "SZL" | "THB" | "TJS" | "TMT" | "TND" | "TOP" | "TRY" | "TTD" | "TWD" | "TZS" | "UAH" | "UGX" | "USD" | "UYU" | "UZS" | "VED" | "VES" | "VND" | "VUV" | "WST" | "XAF" | "XCD" | "XCG" | "XOF" | "XPF" | "YER" | "ZAR" | "ZMW" | "ZWG";
            /**
             * @default
             * @example List prices from January 2027
             */
            description?: string;
        };
        UpdateResourceDto: {
            /**
             * @description ganeti-vm only, required there: the Ganeti cluster FQDN
             * @example cluster1.example.org
             */
            clusterFqdn?: string | null;
            /**
             * @description node only, required there: host name or IP address
             * @example node7.example.org
             */
            sshHost?: string | null;
            /**
             * @description node only
             * @default 22
             */
            sshPort?: number | null;
            /**
             * @description node only, required there
             * @example tally
             */
            sshUser?: string | null;
            /**
             * Format: uuid
             * @description node only, required there: an ssh-private-key credential
             */
            credentialId?: string | null;
            /**
             * @description node only: the pinned host key. Learnt on first contact; set it, or null it to accept a legitimately changed key.
             * @example SHA256:uS0h0bVSuZyTMLAaXkVAsGO7Rhd3a0tZbd8TJ64YS+k
             */
            hostKeySha256?: string | null;
            /**
             * @description Free-form string→string tags (at most 50)
             * @example {
             *       "rack": "b4",
             *       "owner": "genomics"
             *     }
             */
            labels?: {
                [key: string]: string;
            };
            /**
             * @description Measurement keys to collect; on create, default: all the type collects
             * @example [
             *       "cpu.busy",
             *       "memory.used"
             *     ]
             */
            measurements?: string[];
            /**
             * @description Inactive resources are not collected; their history stays
             * @default true
             */
            active?: boolean;
            name?: string;
        };
        UpdateWebhookDto: {
            /** @description http:// or https://; private, loopback, link-local and metadata addresses are refused unless TALLY_WEBHOOKS_ALLOW_PRIVATE is set */
            url?: string;
            /** @description Event names, `prefix.*` or `*` (docs/events.md); a pattern that matches no event is refused */
            events?: string[];
            /** @description false pauses deliveries (they wait); true resumes them, also after Tally disabled it */
            active?: boolean;
            /** @description null clears it */
            description?: string | null;
        };
        UsageDayDto: {
            /**
             * @description Calendar date in tz
             * @example 2026-11-24
             */
            date: string;
            /**
             * Format: date-time
             * @description Inclusive, UTC
             */
            from: string;
            /**
             * Format: date-time
             * @description Exclusive, UTC (the next midnight in tz, or the window end)
             */
            to: string;
        };
        WebhookDto: {
            /** Format: uuid */
            id: string;
            /**
             * Format: uuid
             * @description null: every client (an admin subscription)
             */
            clientId: string | null;
            url: string;
            events: string[];
            description: string | null;
            active: boolean;
            /**
             * Format: date-time
             * @description When Tally disabled it for failing (webhook.disabled)
             */
            disabledAt: string | null;
            disabledReason: string | null;
            /**
             * Format: date-time
             * @description Since when deliveries fail without a success in between
             */
            failingSince: string | null;
            /**
             * Format: date-time
             * @description Until when the secret replaced by the last rotation also signs
             */
            previousSecretValidUntil: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        WebhookPage: {
            items: components["schemas"]["WebhookDto"][];
            /** @description Matching items in all pages */
            total: number;
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
    getLiveness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The process is running */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LiveDto"];
                };
            };
            /** @description Invalid input; the message names the field or parameter (also: control characters, malformed percent-encoding or a repeated parameter in the URL) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Postgres and Redis answer; `busy` when callers wait for a database connection; `degraded` when collection is not running as scheduled (still 200: the API serves, and taking it out of rotation would not fix the schedule) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReadyDto"];
                };
            };
            /** @description Invalid input; the message names the field or parameter (also: control characters, malformed percent-encoding or a repeated parameter in the URL) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Postgres or Redis does not answer; the message says which and why */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    listClients: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                active?: boolean;
                /** @description Part of the name, case-insensitive */
                name?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client key sees only its own client */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClientPage"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    createClient: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateClientDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClientDto"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The name is taken */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than TALLY_BODY_LIMIT; split it */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not application/json in UTF-8 (or has an unsupported Content-Encoding) */
            415: {
                headers: {
                    /** @description application/json */
                    "Accept-Post"?: string;
                    /** @description application/json */
                    "Accept-Patch"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    getClient: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClientDto"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    deleteClient: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted with its projects and resources (none had samples) */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description It has samples: deactivate it instead */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    updateClient: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateClientDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClientDto"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than TALLY_BODY_LIMIT; split it */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not application/json in UTF-8 (or has an unsupported Content-Encoding) */
            415: {
                headers: {
                    /** @description application/json */
                    "Accept-Post"?: string;
                    /** @description application/json */
                    "Accept-Patch"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    listProjects: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                clientId?: string;
                active?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectPage"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    createProject: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateProjectDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectDto"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The client already has a project with this name */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than TALLY_BODY_LIMIT; split it */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not application/json in UTF-8 (or has an unsupported Content-Encoding) */
            415: {
                headers: {
                    /** @description application/json */
                    "Accept-Post"?: string;
                    /** @description application/json */
                    "Accept-Patch"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    getProject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectDto"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    deleteProject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted with its resources (none had samples) */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description It has samples: deactivate it instead */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    updateProject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateProjectDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectDto"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than TALLY_BODY_LIMIT; split it */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not application/json in UTF-8 (or has an unsupported Content-Encoding) */
            415: {
                headers: {
                    /** @description application/json */
                    "Accept-Post"?: string;
                    /** @description application/json */
                    "Accept-Patch"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    listApiKeys: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                clientId?: string;
                includeRevoked?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyPage"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    createApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateApiKeyDto"];
            };
        };
        responses: {
            /** @description The key is in this response only; Tally keeps just its hash */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedApiKeyDto"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than TALLY_BODY_LIMIT; split it */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not application/json in UTF-8 (or has an unsupported Content-Encoding) */
            415: {
                headers: {
                    /** @description application/json */
                    "Accept-Post"?: string;
                    /** @description application/json */
                    "Accept-Patch"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    rotateApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RotateApiKeyDto"];
            };
        };
        responses: {
            /** @description The new secret is in this response only; `previousKeyExpiresAt` says until when the old one works */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedApiKeyDto"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key is revoked or expired; create a new one */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than TALLY_BODY_LIMIT; split it */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not application/json in UTF-8 (or has an unsupported Content-Encoding) */
            415: {
                headers: {
                    /** @description application/json */
                    "Accept-Post"?: string;
                    /** @description application/json */
                    "Accept-Patch"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    revokeApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked (the record stays, for the audit trail) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyDto"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    listCredentials: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                kind?: "ssh-private-key" | "password";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CredentialPage"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    createCredential: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateCredentialDto"];
            };
        };
        responses: {
            /** @description Stored encrypted; the response has no secret */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CredentialDto"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The name is taken */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than TALLY_BODY_LIMIT; split it */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not application/json in UTF-8 (or has an unsupported Content-Encoding) */
            415: {
                headers: {
                    /** @description application/json */
                    "Accept-Post"?: string;
                    /** @description application/json */
                    "Accept-Patch"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The server has no encryption key configured (TALLY_SECRET_KEYS); nothing was stored */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    getCredential: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CredentialDto"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    deleteCredential: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A cluster or resource still uses it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    updateCredential: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateCredentialDto"];
            };
        };
        responses: {
            /** @description A new secret replaces the old one and is sealed with the active key version */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CredentialDto"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The name is taken */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than TALLY_BODY_LIMIT; split it */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not application/json in UTF-8 (or has an unsupported Content-Encoding) */
            415: {
                headers: {
                    /** @description application/json */
                    "Accept-Post"?: string;
                    /** @description application/json */
                    "Accept-Patch"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The server has no encryption key configured (TALLY_SECRET_KEYS); nothing was stored */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    listClusters: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                active?: boolean;
                /** @description Exact FQDN */
                fqdn?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClusterPage"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    createCluster: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateClusterDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClusterDto"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A cluster with this FQDN exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than TALLY_BODY_LIMIT; split it */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not application/json in UTF-8 (or has an unsupported Content-Encoding) */
            415: {
                headers: {
                    /** @description application/json */
                    "Accept-Post"?: string;
                    /** @description application/json */
                    "Accept-Patch"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    getCluster: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClusterDetailDto"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    deleteCluster: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Active ganeti-vm resources still name this cluster: deactivate them first */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    updateCluster: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateClusterDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClusterDto"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than TALLY_BODY_LIMIT; split it */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not application/json in UTF-8 (or has an unsupported Content-Encoding) */
            415: {
                headers: {
                    /** @description application/json */
                    "Accept-Post"?: string;
                    /** @description application/json */
                    "Accept-Patch"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    listResources: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                projectId?: string;
                clientId?: string;
                type?: string;
                /** @description Cluster FQDN (ganeti-vm resources) */
                cluster?: string;
                active?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client key sees only its own client's resources */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ResourcePage"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    createResource: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateResourceDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ResourceDto"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The project has a resource with this name, or the Ganeti instance is already tracked */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than TALLY_BODY_LIMIT; split it */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not application/json in UTF-8 (or has an unsupported Content-Encoding) */
            415: {
                headers: {
                    /** @description application/json */
                    "Accept-Post"?: string;
                    /** @description application/json */
                    "Accept-Patch"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    getResource: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ResourceDetailDto"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    deleteResource: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted (it had no samples) */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description It has samples: deactivate it instead */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    updateResource: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateResourceDto"];
            };
        };
        responses: {
            /** @description measurements, when given, replaces the whole set */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ResourceDto"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The name is taken in the project, or the Ganeti instance is already tracked */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than TALLY_BODY_LIMIT; split it */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not application/json in UTF-8 (or has an unsupported Content-Encoding) */
            415: {
                headers: {
                    /** @description application/json */
                    "Accept-Post"?: string;
                    /** @description application/json */
                    "Accept-Patch"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    listMeasurements: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                source?: "ganeti" | "ssh" | "push";
                kind?: "gauge" | "counter";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ordered by key */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MeasurementPage"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    createMeasurement: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateMeasurementDto"];
            };
        };
        responses: {
            /** @description A custom measurement, source push; only its display unit and places can change later, and none can be deleted */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MeasurementDto"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key is taken (possibly by a built-in) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than TALLY_BODY_LIMIT; split it */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not application/json in UTF-8 (or has an unsupported Content-Encoding) */
            415: {
                headers: {
                    /** @description application/json */
                    "Accept-Post"?: string;
                    /** @description application/json */
                    "Accept-Patch"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    getMeasurement: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MeasurementDto"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    updateMeasurement: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateMeasurementDto"];
            };
        };
        responses: {
            /** @description The display unit and places, changed; nothing else of a measurement can change */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MeasurementDto"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than TALLY_BODY_LIMIT; split it */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not application/json in UTF-8 (or has an unsupported Content-Encoding) */
            415: {
                headers: {
                    /** @description application/json */
                    "Accept-Post"?: string;
                    /** @description application/json */
                    "Accept-Patch"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    pushSamples: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PushSamplesDto"];
            };
        };
        responses: {
            /** @description All samples stored in one transaction, as upserts on (resourceId, measurement, ts): resending a batch stores it once. Admin keys may push to any resource; client keys need scope samples:write and may push only to their own resources and only measurements of source push. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PushSamplesResultDto"];
                };
            };
            /** @description At least one bad item: nothing was stored; `errors` names each bad item by index and field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SampleBatchErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Every item is valid, but some fall in a closed period: nothing was stored; send them as a correction */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SampleClosedPeriodErrorDto"];
                };
            };
            /** @description More than 10,000 samples, or a body over the size limit (TALLY_BODY_LIMIT): split the batch */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not application/json in UTF-8 (or has an unsupported Content-Encoding) */
            415: {
                headers: {
                    /** @description application/json */
                    "Accept-Post"?: string;
                    /** @description application/json */
                    "Accept-Patch"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    listResourceSamples: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                /** @description Only this measurement */
                measurement?: string;
                /** @description Samples with ts ≥ from; ISO 8601 with an offset or Z (encode + as %2B) */
                from?: string;
                /** @description Samples with ts < to; must be later than from */
                to?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Samples with from ≤ ts < to, ordered by ts, then measurement key */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SamplePage"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    listCorrections: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                /** @description Only corrections that changed this resource */
                resourceId?: string;
                /** @description Only corrections that changed this client's resources */
                clientId?: string;
                /** @description Only corrections that changed samples with ts ≥ from */
                from?: string;
                /** @description Only corrections that changed samples with ts < to */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CorrectionPage"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    createCorrections: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description JSON as below, or NDJSON (application/x-ndjson) as described above */
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateCorrectionDto"];
                "application/x-ndjson": components["schemas"]["CreateCorrectionDto"];
            };
        };
        responses: {
            /** @description Applied and recorded */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CorrectionDto"];
                };
            };
            /** @description A bad reason or item: nothing was changed; `errors` names each bad item */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CorrectionErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description More than at most 1,000,000 items, or a body over its size limit: split the correction */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Content-Type is neither application/json nor application/x-ndjson, or the body is compressed */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    getCorrections: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CorrectionDetailDto"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    listCollectionRuns: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                /** @description `collect` (a slot's collection) or `precache` (Ganeti cache refresh) */
                kind?: "collect" | "precache";
                /** @description `missed`: slot boundaries the schedule owed that closed with no collection (the slot ledger) */
                state?: "queued" | "running" | "succeeded" | "partial" | "failed" | "missed";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Newest slot first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CollectionRunPage"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    triggerCollection: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TriggerCollectionDto"];
            };
        };
        responses: {
            /** @description The slot was already triggered: its existing run, nothing new enqueued */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CollectionRunDto"];
                };
            };
            /** @description Triggered; poll GET /collections/{id} for progress */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CollectionRunDto"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The slot is closed: reports over it may be final; nothing was enqueued */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClosedPeriodErrorDto"];
                };
            };
            /** @description The body is larger than TALLY_BODY_LIMIT; split it */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not application/json in UTF-8 (or has an unsupported Content-Encoding) */
            415: {
                headers: {
                    /** @description application/json */
                    "Accept-Post"?: string;
                    /** @description application/json */
                    "Accept-Patch"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The job queue (Redis) is unreachable: the run is recorded as queued but was not enqueued (the message says so); trigger again later */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    triggerPrecache: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The pre-cache run the refresh will update */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CollectionRunDto"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than TALLY_BODY_LIMIT; split it */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not application/json in UTF-8 (or has an unsupported Content-Encoding) */
            415: {
                headers: {
                    /** @description application/json */
                    "Accept-Post"?: string;
                    /** @description application/json */
                    "Accept-Patch"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The job queue (Redis) is unreachable: the run is recorded as queued but was not enqueued (the message says so); trigger again later */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    listSchedules: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScheduleDto"][];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    getCollectionCapacity: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CapacityDto"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    getCollectionRun: {
        parameters: {
            query?: {
                /** @description `errors`: only the targets that failed, for runs over many thousands of resources */
                outcomes?: "all" | "errors";
                /** @description Only these targets' outcomes (resource ids, or cluster FQDNs for a pre-cache), comma-separated, at most 500 */
                target?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CollectionRunDetailDto"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    listUnassignedInstances: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UnassignedInstancesDto"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    getClientReport: {
        parameters: {
            query?: {
                /** @description Window start (inclusive): a date YYYY-MM-DD (midnight in tz) or an ISO 8601 timestamp with Z or an offset. Default: to − 30 days */
                from?: string;
                /** @description Window end (exclusive), same formats as from. Default: now. At most 3 years after from */
                to?: string;
                /** @description IANA time zone the dates are read in */
                tz?: string;
                /** @description Wins over the Accept header (application/json, text/csv, the XLSX type, application/pdf); default json. focus: FOCUS 1.2 CSV, one row per line and day; pdf: a printable statement (docs/reports.md) */
                format?: "csv" | "json" | "xlsx" | "focus" | "pdf";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The report, streamed. CSV comes as an attachment named after the client and window. */
            200: {
                headers: {
                    /** @description attachment (CSV) or inline (JSON); filename="tally-<client>-<from>_<to>.<csv|json>" */
                    "Content-Disposition"?: string;
                    /** @description provisional or final, as in the body */
                    "X-Report-Status"?: "provisional" | "final";
                    /** @description Seconds the read replica was behind the primary, as replicaLagSeconds in the body; absent without a replica */
                    "X-Replica-Lag-Seconds"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReportDto"];
                    "text/csv": string;
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                    "application/pdf": string;
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The Accept header allows neither application/json nor text/csv (use format=) */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                    "text/csv": components["schemas"]["ErrorDto"];
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["ErrorDto"];
                    "application/pdf": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Nothing was sent: either every report connection stayed in use for as long as a report waits in line (retry after Retry-After), or the report query ran past the server's time limit (ask for a shorter window). A failure after the first byte cuts the response instead. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying (when the server was busy) */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                    "text/csv": components["schemas"]["ErrorDto"];
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["ErrorDto"];
                    "application/pdf": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    getReportSummary: {
        parameters: {
            query?: {
                /** @description Window start (inclusive), as for the report. Default: to − 30 days */
                from?: string;
                /** @description Window end (exclusive), as for the report. Default: now */
                to?: string;
                /** @description IANA time zone the dates are read in */
                tz?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReportSummaryDto"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    getClientDailyUsage: {
        parameters: {
            query?: {
                /** @description Window start (inclusive), as for the report. Default: to − 30 days */
                from?: string;
                /** @description Window end (exclusive), as for the report. Default: now */
                to?: string;
                /** @description IANA time zone the dates are read in */
                tz?: string;
                /** @description Only this measurement key; default every measurement */
                measurement?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DailyUsageDto"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Every report connection stayed in use, or a day's report query ran past the time limit */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    listRateCards: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                /** @description Part of the name, case-insensitive */
                name?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ordered by name. A client key sees only its own client's card */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RateCardPage"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    createRateCard: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateRateCardDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RateCardDto"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The name is taken */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than TALLY_BODY_LIMIT; split it */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not application/json in UTF-8 (or has an unsupported Content-Encoding) */
            415: {
                headers: {
                    /** @description application/json */
                    "Accept-Post"?: string;
                    /** @description application/json */
                    "Accept-Patch"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    getRateCard: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The card with its own prices */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RateCardDetailDto"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    deleteRateCard: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted with its prices */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A client is assigned to it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    updateRateCard: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateRateCardDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RateCardDto"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The name is taken, or the currency was to change on a card that has prices */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than TALLY_BODY_LIMIT; split it */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not application/json in UTF-8 (or has an unsupported Content-Encoding) */
            415: {
                headers: {
                    /** @description application/json */
                    "Accept-Post"?: string;
                    /** @description application/json */
                    "Accept-Patch"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    createRateCardPrice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreatePriceDto"];
            };
        };
        responses: {
            /** @description A price for one measurement and period; with endPrevious the price in effect at its start ends there */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PriceDto"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Another price of the measurement is in effect during this period (the message names it and the field) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than TALLY_BODY_LIMIT; split it */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not application/json in UTF-8 (or has an unsupported Content-Encoding) */
            415: {
                headers: {
                    /** @description application/json */
                    "Accept-Post"?: string;
                    /** @description application/json */
                    "Accept-Patch"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    getRateCardPrice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                priceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PriceDto"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    deleteRateCardPrice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                priceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted; usage in its period is no longer priced unless another price covers it */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    updateRateCardPrice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                priceId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdatePriceDto"];
            };
        };
        responses: {
            /** @description Fields not given keep their value; unitPrice replaces tiers and the other way round; the measurement cannot change */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PriceDto"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Another price of the measurement is in effect during this period (the message names it and the field) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than TALLY_BODY_LIMIT; split it */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not application/json in UTF-8 (or has an unsupported Content-Encoding) */
            415: {
                headers: {
                    /** @description application/json */
                    "Accept-Post"?: string;
                    /** @description application/json */
                    "Accept-Patch"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    getClientRateCard: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The client's card and its overrides; 404 when it has none. A client key sees only its own */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RateCardAssignmentDto"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    assignClientRateCard: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AssignRateCardDto"];
            };
        };
        responses: {
            /** @description Assigns the card and replaces all overrides with those given (none when absent), in one transaction */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RateCardAssignmentDto"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Two overrides of one measurement overlap in time */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than TALLY_BODY_LIMIT; split it */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not application/json in UTF-8 (or has an unsupported Content-Encoding) */
            415: {
                headers: {
                    /** @description application/json */
                    "Accept-Post"?: string;
                    /** @description application/json */
                    "Accept-Patch"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    unassignClientRateCard: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The client's usage is no longer priced; its overrides are deleted with the assignment */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    listEvents: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                /** @description Events at or after this instant */
                from?: string;
                /** @description Events before this instant */
                to?: string;
                /** @description An event name, `prefix.*`, or `*` */
                type?: string;
                /** @description Only events of this client */
                clientId?: string;
                /** @description Only events about this kind of object */
                subjectType?: string;
                /** @description Only events about this object (its id) */
                subjectId?: string;
                /** @description A cursor (`nextCursor` of an earlier page, or `head` for "from now on"): the events after it, oldest first. Without it, pages come newest first. */
                after?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventPageDto"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    listAuditEntries: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                /** @description Events at or after this instant */
                from?: string;
                /** @description Events before this instant */
                to?: string;
                /** @description The kind of object changed (client, project, resource, cluster, credential, api_key, …) */
                entity?: string;
                /** @description The id of the object changed */
                id?: string;
                /** @description The API key that made the change */
                actor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventPageDto"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    listHooks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HookListDto"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    listWebhooks: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                clientId?: string;
                active?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookPage"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    createWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateWebhookDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedWebhookDto"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than TALLY_BODY_LIMIT; split it */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not application/json in UTF-8 (or has an unsupported Content-Encoding) */
            415: {
                headers: {
                    /** @description application/json */
                    "Accept-Post"?: string;
                    /** @description application/json */
                    "Accept-Patch"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description TALLY_SECRET_KEYS is not set, so no secret can be stored */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    getWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDto"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    deleteWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted, with its delivery log; nothing more is sent */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    updateWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateWebhookDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDto"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than TALLY_BODY_LIMIT; split it */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not application/json in UTF-8 (or has an unsupported Content-Encoding) */
            415: {
                headers: {
                    /** @description application/json */
                    "Accept-Post"?: string;
                    /** @description application/json */
                    "Accept-Patch"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    rotateWebhookSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RotateWebhookSecretDto"];
            };
        };
        responses: {
            /** @description The new secret is in this answer only */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedWebhookDto"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than TALLY_BODY_LIMIT; split it */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not application/json in UTF-8 (or has an unsupported Content-Encoding) */
            415: {
                headers: {
                    /** @description application/json */
                    "Accept-Post"?: string;
                    /** @description application/json */
                    "Accept-Patch"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description TALLY_SECRET_KEYS is not set */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                status?: "pending" | "delivered" | "failed";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeliveryPage"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    getWebhookDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                deliveryId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeliveryWithAttemptsDto"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    redeliverWebhookDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                deliveryId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Queued; the worker sends it after the deliveries queued before it */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeliveryDto"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than TALLY_BODY_LIMIT; split it */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not application/json in UTF-8 (or has an unsupported Content-Encoding) */
            415: {
                headers: {
                    /** @description application/json */
                    "Accept-Post"?: string;
                    /** @description application/json */
                    "Accept-Patch"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    listAlertRules: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description By name. A client key sees the rules scoped to its own client, its projects or resources (not installation-wide ones) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertRulePage"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    createAlertRule: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateAlertRuleDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertRuleDto"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than TALLY_BODY_LIMIT; split it */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not application/json in UTF-8 (or has an unsupported Content-Encoding) */
            415: {
                headers: {
                    /** @description application/json */
                    "Accept-Post"?: string;
                    /** @description application/json */
                    "Accept-Patch"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    getAlertRule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertRuleDto"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    deleteAlertRule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted with its series and incidents; their events stay in the log */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    updateAlertRule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateAlertRuleDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertRuleDto"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than TALLY_BODY_LIMIT; split it */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not application/json in UTF-8 (or has an unsupported Content-Encoding) */
            415: {
                headers: {
                    /** @description application/json */
                    "Accept-Post"?: string;
                    /** @description application/json */
                    "Accept-Patch"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    listAlerts: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                status?: "open" | "recovered";
                ruleId?: string;
                /** @description A resource id (or a client id, for budget rules) */
                subjectId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Incidents, newest first. A client key sees its own client's */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertPage"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    getAlert: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertDto"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    acknowledgeAlert: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertDto"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Recovered already, or acknowledged already (the message says by whom) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than TALLY_BODY_LIMIT; split it */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not application/json in UTF-8 (or has an unsupported Content-Encoding) */
            415: {
                headers: {
                    /** @description application/json */
                    "Accept-Post"?: string;
                    /** @description application/json */
                    "Accept-Patch"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    getAlertStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusDto"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    listMaintenanceWindows: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                /** @description Only windows that may cover this instant */
                activeAt?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description By start */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MaintenanceWindowPage"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    createMaintenanceWindow: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateMaintenanceWindowDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MaintenanceWindowDto"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than TALLY_BODY_LIMIT; split it */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not application/json in UTF-8 (or has an unsupported Content-Encoding) */
            415: {
                headers: {
                    /** @description application/json */
                    "Accept-Post"?: string;
                    /** @description application/json */
                    "Accept-Patch"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    getMaintenanceWindow: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MaintenanceWindowDto"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    deleteMaintenanceWindow: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    updateMaintenanceWindow: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateMaintenanceWindowDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MaintenanceWindowDto"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than TALLY_BODY_LIMIT; split it */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not application/json in UTF-8 (or has an unsupported Content-Encoding) */
            415: {
                headers: {
                    /** @description application/json */
                    "Accept-Post"?: string;
                    /** @description application/json */
                    "Accept-Patch"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    getResourceAlertNotifications: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ResourceNotificationsStateDto"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    setResourceAlertNotifications: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ResourceNotificationsDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ResourceNotificationsStateDto"];
                };
            };
            /** @description Invalid input; the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The key's role may not use this endpoint */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such object, or not visible to this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than TALLY_BODY_LIMIT; split it */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not application/json in UTF-8 (or has an unsupported Content-Encoding) */
            415: {
                headers: {
                    /** @description application/json */
                    "Accept-Post"?: string;
                    /** @description application/json */
                    "Accept-Patch"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    /** @description Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft) */
                    "RateLimit-Policy"?: string;
                    /** @description Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft) */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
}
