import { category } from './define';

export const devops = category('devops', [
  ['Docker', {}],
  ['Kubernetes', { aliases: ['k8s', 'Kube'] }],
  ['Helm', { aliases: ['Helm charts'], implies: ['kubernetes'], needsContext: ['Helm'] }],
  ['Terraform', { aliases: ['HashiCorp Terraform'] }],
  ['Ansible', {}],
  ['Jenkins', {}],
  ['GitHub Actions', {}],
  ['GitLab CI', { aliases: ['GitLab CI/CD'] }],
  ['CI/CD', { aliases: ['CI / CD', 'Continuous Integration', 'Continuous Delivery', 'Continuous Deployment'] }],
  ['Git', {}],
  ['Linux', {}],
  ['Prometheus', {}],
  ['Grafana', {}],
  ['Nginx', {}],
]);

export const testing = category('testing', [
  ['Jest', { implies: ['javascript'] }],
  ['pytest', { implies: ['python'] }],
  ['JUnit', { implies: ['java'] }],
  ['Cypress', { implies: ['javascript'], needsContext: ['Cypress'] }],
  ['Playwright', { needsContext: ['Playwright'] }],
  ['Selenium', {}],
]);

export const dataAndMl = category('data', [
  ['pandas', { implies: ['python'] }],
  ['NumPy', { implies: ['python'] }],
  ['Apache Spark', { id: 'spark', aliases: ['Spark', 'PySpark'], needsContext: ['Spark'] }],
  ['Apache Airflow', { id: 'airflow', aliases: ['Airflow'], implies: ['python'], needsContext: ['Airflow'] }],
  ['dbt', { aliases: ['data build tool'], implies: ['sql'] }],
  ['PyTorch', { implies: ['python'] }],
  ['TensorFlow', { implies: ['python'] }],
  ['scikit-learn', { aliases: ['sklearn', 'scikit learn'], implies: ['python'] }],
]);
