package models

// Message brokers: the packages whose objects publish and consume
// messages. Their calls (createChannel, publish, sendToQueue, send) change
// no record of a database: they cannot join its transaction, and a
// message sent beside a write that failed is a notification, not data
// left half updated.
var messagingModules = storeNames(
	"amqplib", "amqplib/callback_api", "amqp-connection-manager", "kafkajs", "nats", "@nats-io/transport-node",
	"node-nats-streaming", "mqtt", "@google-cloud/pubsub", "@aws-sdk/client-sqs", "@aws-sdk/client-sns",
	"@azure/service-bus", "rhea", "rhea-promise", "zeromq", "stompit",
)

// MessagingModule reports a message broker's package.
func MessagingModule(spec string) bool { return messagingModules[spec] }
