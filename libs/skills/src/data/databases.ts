import { category } from './define';

export const databases = category('database', [
  ['PostgreSQL', { aliases: ['Postgres', 'psql', 'PGSQL', 'Postgre'], implies: ['sql'] }],
  ['MySQL', { implies: ['sql'] }],
  ['MariaDB', { implies: ['sql'] }],
  ['SQLite', { implies: ['sql'] }],
  ['Microsoft SQL Server', { id: 'sql-server', aliases: ['SQL Server', 'MSSQL', 'MS SQL', 'T-SQL', 'TSQL'], implies: ['sql'] }],
  ['Oracle Database', { id: 'oracle-database', aliases: ['Oracle DB', 'Oracle', 'PL/SQL', 'Oracle SQL'], implies: ['sql'] }],
  ['MongoDB', { aliases: ['Mongo'] }],
  ['Redis', {}],
  ['Cassandra', { aliases: ['Apache Cassandra'] }],
  ['Elasticsearch', { aliases: ['Elastic Search', 'ES cluster'] }],
  ['DynamoDB', { aliases: ['Amazon DynamoDB', 'AWS DynamoDB'], implies: ['aws'] }],
  ['NoSQL', {}],
]);

export const messaging = category('messaging', [
  ['Apache Kafka', { id: 'kafka', aliases: ['Kafka'] }],
  ['RabbitMQ', { aliases: ['Rabbit MQ'] }],
  ['Amazon SQS', { id: 'aws-sqs', aliases: ['SQS', 'AWS SQS'], implies: ['aws'] }],
  ['Google Pub/Sub', { id: 'gcp-pubsub', aliases: ['Pub/Sub', 'Cloud Pub/Sub', 'PubSub'], implies: ['gcp'] }],
  ['NATS', {}],
  ['ActiveMQ', { aliases: ['Apache ActiveMQ'] }],
]);
