import { category } from './define';

/** Professional certifications: concrete and checkable, so they may gate like any technology. */
export const certifications = category('certification', [
  ['AWS Certified Solutions Architect', {
    id: 'aws-certified-solutions-architect',
    aliases: ['AWS Solutions Architect Associate', 'AWS Solutions Architect Professional', 'AWS Certified Solutions Architect Associate', 'AWS Certified Solutions Architect Professional', 'AWS SAA'],
    implies: ['aws'],
  }],
  ['AWS Certified Developer', { id: 'aws-certified-developer', aliases: ['AWS Developer Associate', 'AWS Certified Developer Associate'], implies: ['aws'] }],
  ['AWS Certified Cloud Practitioner', { id: 'aws-certified-cloud-practitioner', aliases: ['AWS Cloud Practitioner'], implies: ['aws'] }],
  ['AZ-900', { aliases: ['Azure Fundamentals', 'Microsoft Certified Azure Fundamentals'], implies: ['azure'] }],
  ['AZ-104', { aliases: ['Azure Administrator Associate', 'Microsoft Certified Azure Administrator'], implies: ['azure'] }],
  ['AZ-305', { aliases: ['Azure Solutions Architect Expert', 'Microsoft Certified Azure Solutions Architect'], implies: ['azure'] }],
  ['Google Professional Cloud Architect', { id: 'gcp-professional-cloud-architect', aliases: ['Professional Cloud Architect', 'GCP Professional Cloud Architect'], implies: ['gcp'] }],
  ['Certified Kubernetes Administrator', { id: 'cka', aliases: ['CKA'], implies: ['kubernetes'] }],
  ['Certified Kubernetes Application Developer', { id: 'ckad', aliases: ['CKAD'], implies: ['kubernetes'] }],
  ['HashiCorp Certified Terraform Associate', { id: 'terraform-associate', aliases: ['Terraform Associate'], implies: ['terraform'] }],
  ['CISSP', { aliases: ['Certified Information Systems Security Professional'] }],
  ['CISM', { aliases: ['Certified Information Security Manager'] }],
  ['Certified Ethical Hacker', { id: 'ceh', aliases: ['CEH'] }],
  ['OSCP', { aliases: ['Offensive Security Certified Professional'] }],
  ['CompTIA Security+', { id: 'comptia-security-plus', aliases: ['Security+', 'CompTIA Security Plus'] }],
  ['CCNA', { aliases: ['Cisco Certified Network Associate'], implies: ['cisco'] }],
  ['CCNP', { aliases: ['Cisco Certified Network Professional'], implies: ['cisco'] }],
  ['Project Management Professional', { id: 'pmp', aliases: ['PMP', 'PMP certification'] }],
  ['PRINCE2', { aliases: ['PRINCE2 Practitioner', 'PRINCE2 Foundation'] }],
  ['Certified ScrumMaster', { id: 'csm', aliases: ['CSM', 'Certified Scrum Master', 'Scrum Master (CSM)'], implies: ['scrum'], needsContext: ['CSM'] }],
  ['Professional Scrum Master', { id: 'psm', aliases: ['PSM', 'PSM I', 'PSM II'], implies: ['scrum'], needsContext: ['PSM'] }],
  ['ITIL', { aliases: ['ITIL Foundation', 'ITIL 4', 'ITIL v4'] }],
]);
