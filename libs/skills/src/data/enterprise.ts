import { category } from './define';

/**
 * Enterprise applications named in postings: ERP and its modules, CRM clouds, marketing and
 * content platforms, ITSM, HR and payroll, clinical systems and standards. The suites themselves
 * (SAP, Salesforce, ServiceNow, NetSuite, Workday) are platforms in web.ts and tools.ts; a module
 * implies its suite.
 */
export const enterprise = category('enterprise', [
  // SAP
  ['SAP FICO', { id: 'sap-fico', aliases: ['SAP FI/CO', 'SAP FI', 'SAP CO', 'SAP Finance and Controlling'], implies: ['sap'] }],
  ['SAP MM', { id: 'sap-mm', aliases: ['SAP Materials Management'], implies: ['sap'] }],
  ['SAP S/4HANA', { id: 'sap-s4hana', aliases: ['S/4HANA', 'S4HANA', 'SAP S4HANA', 'S/4 HANA', 'SAP S/4 HANA'], implies: ['sap'] }],
  ['Odoo', { aliases: ['Odoo ERP', 'OpenERP', 'Odoo Enterprise', 'Odoo Community'] }],
  ['Odoo.sh', { id: 'odoo-sh', implies: ['odoo'] }],
  ['Sage X3', { id: 'sage-x3', aliases: ['Sage Enterprise Management'] }],
  ['Sage 300', { id: 'sage-300', aliases: ['Sage 300cloud', 'Sage Accpac'] }],
  ['Sage Intacct', { id: 'sage-intacct', aliases: ['Intacct'] }],
  ['Sage Pastel', { id: 'sage-pastel', aliases: ['Sage Pastel Evolution', 'Pastel Evolution', 'Sage Evolution', 'Pastel Partner'] }],
  ['SAP Business One', { id: 'sap-business-one', aliases: ['SAP B1', 'SAP Business 1'], implies: ['sap'] }],
  ['SAP ECC', { id: 'sap-ecc', aliases: ['SAP ECC 6.0', 'ECC 6.0', 'SAP R/3'], implies: ['sap'] }],
  ['SAP SD', { id: 'sap-sd', aliases: ['SAP Sales and Distribution'], implies: ['sap'] }],
  ['SAP EWM', { id: 'sap-ewm', aliases: ['SAP Extended Warehouse Management', 'SAP WM', 'SAP Warehouse Management'], implies: ['sap'] }],
  ['SAP HCM', { id: 'sap-hcm', aliases: ['SAP HR', 'SAP Human Capital Management'], implies: ['sap'] }],
  ['SAP SuccessFactors', { id: 'successfactors', aliases: ['SuccessFactors'], implies: ['sap'] }],
  ['SAP Ariba', { id: 'ariba', aliases: ['Ariba'], implies: ['sap'] }],
  ['SAP Concur', { id: 'concur', aliases: ['Concur'], needsContext: ['Concur'] }],
  ['SAP BW', { id: 'sap-bw', aliases: ['SAP BW/4HANA', 'SAP Business Warehouse', 'SAP BI'], implies: ['sap'] }],
  ['SAP Fiori', { id: 'sap-fiori', aliases: ['Fiori'], implies: ['sap'] }],
  ['SAPUI5', { aliases: ['SAP UI5', 'OpenUI5'], implies: ['javascript', 'sap'] }],
  ['SAP Basis', { id: 'sap-basis', implies: ['sap'] }],
  ['SAP PI/PO', { id: 'sap-pi-po', aliases: ['SAP PI', 'SAP PO', 'SAP Process Orchestration', 'SAP Process Integration'], implies: ['sap'] }],
  ['SAP BusinessObjects', { id: 'businessobjects', aliases: ['BusinessObjects', 'Business Objects', 'SAP BO', 'SAP BOBJ'], needsContext: ['Business Objects'] }],
  // Salesforce
  ['Salesforce Sales Cloud', { id: 'salesforce-sales-cloud', aliases: ['Sales Cloud'], implies: ['salesforce'] }],
  ['Salesforce Service Cloud', { id: 'salesforce-service-cloud', aliases: ['Service Cloud'], implies: ['salesforce'] }],
  ['Salesforce Marketing Cloud', { id: 'salesforce-marketing-cloud', aliases: ['SFMC', 'ExactTarget'], implies: ['salesforce'] }],
  ['Salesforce Commerce Cloud', { id: 'salesforce-commerce-cloud', aliases: ['SFCC', 'Demandware'], implies: ['salesforce'] }],
  ['Lightning Web Components', { id: 'lwc', aliases: ['LWC', 'Salesforce LWC'], implies: ['salesforce', 'javascript'] }],
  ['Visualforce', { implies: ['salesforce'] }],
  ['SOQL', { aliases: ['SOSL'], implies: ['salesforce'] }],
  // "Aura" alone is also a word and a company name: only as written, in a technical context.
  ['Aura Components', { id: 'aura-components', aliases: ['Aura', 'Lightning Aura Components', 'Aura Component Framework'], implies: ['salesforce', 'javascript'], needsContext: ['Aura'] }],
  ['Salesforce DX', { id: 'salesforce-dx', aliases: ['SFDX', 'Salesforce CLI'], implies: ['salesforce'] }],
  // Formerly Community Cloud. Adobe's suite of the same name is its own skill (marketing, below); the bare
  // forms also occur as words ("3 years experience cloud infrastructure", NIST's "community cloud").
  ['Salesforce Experience Cloud', { id: 'salesforce-experience-cloud', aliases: ['Experience Cloud', 'Salesforce Community Cloud', 'Community Cloud', 'Salesforce Communities'], implies: ['salesforce'], needsContext: ['Experience Cloud', 'Community Cloud'] }],
  ['Salesforce CPQ', { id: 'salesforce-cpq', aliases: ['Steelbrick CPQ', 'SteelBrick'], implies: ['salesforce'] }],
  // Release management for Salesforce orgs
  ['Copado', { implies: ['salesforce'] }],
  ['Gearset', { implies: ['salesforce'] }],
  ['MuleSoft', { aliases: ['MuleSoft Anypoint', 'Anypoint Platform', 'Mule ESB'] }],
  // Microsoft and Oracle business applications
  ['Microsoft Dynamics 365', { id: 'dynamics-365', aliases: ['Dynamics 365', 'D365', 'MS Dynamics', 'Microsoft Dynamics', 'Dynamics CRM', 'Dynamics 365 CE', 'Dynamics 365 Sales'] }],
  ['Dynamics 365 Business Central', { id: 'dynamics-365-business-central', aliases: ['Business Central', 'Dynamics NAV', 'Navision'], implies: ['dynamics-365'] }],
  ['Oracle E-Business Suite', { id: 'oracle-ebs', aliases: ['Oracle EBS', 'Oracle Applications'] }],
  ['Oracle Fusion Cloud', { id: 'oracle-fusion', aliases: ['Oracle Fusion', 'Oracle Cloud ERP', 'Oracle ERP Cloud', 'Oracle Fusion ERP'] }],
  ['PeopleSoft', { aliases: ['Oracle PeopleSoft'] }],
  ['JD Edwards', { id: 'jd-edwards', aliases: ['JDE', 'Oracle JD Edwards', 'JD Edwards EnterpriseOne'], needsContext: ['JDE'] }],
  // Manufacturing ERP and MES ("Plex" alone is also a media server)
  ['Epicor', { aliases: ['Epicor ERP', 'Epicor Kinetic'] }],
  ['Rockwell Plex', { id: 'rockwell-plex', aliases: ['Plex MES', 'Plex ERP', 'Plex Systems', 'Plex Smart Manufacturing Platform'] }],
  // Marketing and content
  ['Marketo', { aliases: ['Adobe Marketo', 'Marketo Engage'] }],
  ['Adobe Experience Manager', { id: 'aem', aliases: ['AEM', 'Adobe AEM'] }],
  ['Adobe Experience Cloud', { id: 'adobe-experience-cloud', aliases: ['Adobe Marketing Cloud'] }],
  ['Meta Ads Manager', { id: 'meta-ads-manager', aliases: ['Facebook Ads Manager', 'Meta Ads', 'Facebook Ads'] }],
  // IT service management
  ['ServiceNow ITSM', { id: 'servicenow-itsm', implies: ['servicenow'] }],
  ['Jira Service Management', { id: 'jira-service-management', aliases: ['Jira Service Desk', 'JSM'], implies: ['jira'], needsContext: ['JSM'] }],
  // HR, payroll and recruiting
  ['ADP', { aliases: ['ADP Workforce Now', 'ADP Payroll'] }],
  ['UKG', { aliases: ['Kronos', 'UKG Pro', 'UKG Kronos'] }],
  ['iCIMS', {}],
  // Employer of record and contractor payroll; "deel" is Dutch for "part".
  ['Deel', { needsContext: ['Deel'] }],
  // Healthcare
  ['athenahealth', { aliases: ['athenaOne', 'athenaCollector'] }],
  ['HL7', { aliases: ['HL7 v2', 'HL7v2'] }],
  ['FHIR', { aliases: ['HL7 FHIR'] }],
]);
