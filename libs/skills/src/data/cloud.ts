import { category } from './define';

export const cloud = category('cloud', [
  ['AWS', { aliases: ['Amazon Web Services'] }],
  ['Google Cloud', { id: 'gcp', aliases: ['GCP', 'Google Cloud Platform'] }],
  ['Microsoft Azure', { id: 'azure', aliases: ['Azure'] }],
  ['Amazon EKS', { id: 'aws-eks', aliases: ['EKS', 'AWS EKS', 'Elastic Kubernetes Service'], implies: ['aws', 'kubernetes'] }],
  ['Google Kubernetes Engine', { id: 'gke', aliases: ['GKE'], implies: ['gcp', 'kubernetes'] }],
  ['Azure Kubernetes Service', { id: 'aks', aliases: ['AKS'], implies: ['azure', 'kubernetes'] }],
  ['Amazon S3', { id: 'aws-s3', aliases: ['S3', 'AWS S3'], implies: ['aws'] }],
  ['Amazon EC2', { id: 'aws-ec2', aliases: ['EC2', 'AWS EC2'], implies: ['aws'] }],
  ['AWS Lambda', { id: 'aws-lambda', aliases: ['Lambda'], implies: ['aws'], needsContext: ['Lambda'] }],
  ['Amazon ECS', { id: 'aws-ecs', aliases: ['ECS', 'AWS ECS'], implies: ['aws'] }],
  ['Amazon RDS', { id: 'aws-rds', aliases: ['RDS', 'AWS RDS'], implies: ['aws'] }],
  ['BigQuery', { aliases: ['Google BigQuery'], implies: ['gcp', 'sql'] }],
  ['Firebase', { implies: ['gcp'] }],
]);
