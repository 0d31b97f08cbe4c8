package models

import "strings"

// Webhook receivers, idempotency keys and the generators of unique ids, as
// data.

// WebhookPackages are webhook libraries: what a module exports, and which
// methods verify a delivery's signature or register a handler.
var WebhookPackages = map[string]bool{
	"stripe":                  true,
	"svix":                    true,
	"standardwebhooks":        true,
	"@octokit/webhooks":       true,
	"@octokit/app":            true,
	"octokit":                 true,
	"probot":                  true,
	"@paddle/paddle-node-sdk": true,
}

// WebhookVerifierClasses are constructed once with the signing secret and
// verify deliveries: new Webhook(secret).verify(payload, headers) (svix,
// standardwebhooks), new Webhooks({ secret }).verify(...) (@octokit/webhooks).
var WebhookVerifierClasses = map[string]bool{"Webhook": true, "Webhooks": true}

// WebhookVerifyMethods verify a signature and return (or accept) the event
// when called on a webhooks object: stripe.webhooks.constructEvent,
// verifier.verify, paddle.webhooks.unmarshal, shopify.webhooks.validate.
var WebhookVerifyMethods = map[string]bool{
	"constructEvent":      true,
	"constructEventAsync": true,
	"verify":              true,
	"verifyAndReceive":    true,
	"unmarshal":           true,
	"validate":            true,
}

// WebhookHandlerMethods register a handler for verified deliveries on a
// webhook library object: webhooks.on("issues.opened", handler).
var WebhookHandlerMethods = map[string]bool{"on": true, "onAny": true}

// IsWebhookVerifierName reports whether a helper's name says it verifies a
// webhook delivery's signature: constructEvent..., constructWebhookEvent,
// verifyWebhook..., verify/validate/check/is...WebhookSignature. A name such
// as validateWebhook says nothing about signatures (it may check a
// webhook's configuration); generateWebhookSignature signs an outgoing
// delivery; verify...Signature without "webhook" is as likely a cron or
// queue authentication.
func IsWebhookVerifierName(name string) bool {
	if strings.HasPrefix(name, "constructEvent") || strings.HasPrefix(name, "constructWebhookEvent") {
		return true
	}
	l := strings.ToLower(name)
	if !strings.Contains(l, "webhook") {
		return false
	}
	switch FirstWord(name) {
	case "verify":
		return true
	case "validate", "check", "is", "authenticate":
		return strings.Contains(l, "signature")
	}
	return false
}

// IsEnqueueName reports whether a call hands work to a queue or a bus
// rather than doing it: enqueue..., publish..., emit, dispatch...,
// queue.add(...), sendMessage (SQS), tasks.trigger (trigger.dev).
func IsEnqueueName(receiver, method string) bool {
	switch FirstWord(method) {
	case "enqueue", "publish", "emit", "dispatch", "queue", "schedule":
		return true
	}
	r := strings.ToLower(receiver)
	switch method {
	case "add", "addBulk":
		return strings.Contains(r, "queue")
	case "sendMessage", "sendMessageBatch":
		return true
	case "trigger", "batchTrigger":
		return strings.Contains(r, "task") || strings.Contains(r, "trigger") || strings.Contains(r, "inngest")
	case "send":
		return strings.Contains(r, "inngest") || strings.Contains(r, "queue") || strings.Contains(r, "sqs")
	}
	return false
}

// ResponseWords are words of helper names that build or send the
// response (logAndRespond, handleAndReturnErrorResponse, sendJson).
var ResponseWords = map[string]bool{"respond": true, "response": true, "reply": true, "json": true, "error": true, "errors": true, "log": true}

// WebhookEventIDHeaders carry a delivery's unique id.
var WebhookEventIDHeaders = map[string]bool{
	"svix-id":              true,
	"webhook-id":           true,
	"x-github-delivery":    true,
	"x-shopify-webhook-id": true,
	"x-shopify-event-id":   true,
	"x-gitlab-event-uuid":  true,
	"x-request-id":         false,
}

// WebhookEventIDProps are the properties of a verified event that hold its
// unique id: event.id (Stripe, Svix), event.eventId (Paddle).
var WebhookEventIDProps = map[string]bool{"id": true, "eventId": true, "event_id": true, "notificationId": true, "notification_id": true}

// IdempotencyHeaders are the request headers that carry an idempotency key
// (lower case).
var IdempotencyHeaders = map[string]bool{
	"idempotency-key":   true,
	"x-idempotency-key": true,
	"idempotency_key":   true,
}

// IsIdempotencyName reports whether an identifier, property or header name
// denotes an idempotency key.
func IsIdempotencyName(name string) bool {
	l := strings.ToLower(name)
	return strings.Contains(l, "idempoten")
}

// IDGenerators maps a module to the functions it exports that make a fresh
// unique id on every call.
var IDGenerators = map[string]map[string]bool{
	"crypto":               {"randomUUID": true},
	"node:crypto":          {"randomUUID": true},
	"uuid":                 {"v1": true, "v4": true, "v6": true, "v7": true},
	"nanoid":               {"nanoid": true},
	"nanoid/non-secure":    {"nanoid": true},
	"cuid":                 {"default": true, "*": true},
	"@paralleldrive/cuid2": {"createId": true},
	"ulid":                 {"ulid": true},
	"ulidx":                {"ulid": true},
	"short-uuid":           {"generate": true},
}

// IDGeneratorGlobals are fresh-id functions by their usual names, for code
// that gets them from a wrapper module or a global: crypto.randomUUID(),
// uuidv4(), nanoid().
var IDGeneratorGlobals = map[string]bool{
	"randomUUID": true, "uuidv4": true, "uuidV4": true, "uuid4": true, "uuid": true,
	"nanoid": true, "cuid": true, "ulid": true, "generateUUID": true, "generateUuid": true,
	"uuidv7": true, "uuidV7": true,
}

// LogReceivers are objects whose methods only log.
var LogReceivers = map[string]bool{
	"console": true, "logger": true, "Logger": true, "log": true, "winston": true,
	"pino": true, "debug": true, "_logger": true, "logger_": true,
}

// ResponseReceivers are the reply objects of route handlers: sending on
// them is the response, not a side effect on shared state.
var ResponseReceivers = map[string]bool{
	"res": true, "response": true, "reply": true, "resp": true, "NextResponse": true, "Response": true,
}
