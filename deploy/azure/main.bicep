// Doorway on Azure, in one resource group:
// - Azure Container Apps (environment + app) running the image from deploy/docker/Dockerfile,
//   ingress on port 3978, probes on /healthz and /readyz, 1..N replicas;
// - Azure Database for PostgreSQL Flexible Server 16 with the `doorway` database;
// - a Key Vault with TOKEN_SECRET, the database URL and (SingleTenant) the bot's client secret,
//   which the app reads through Key Vault references with a user-assigned managed identity;
// - an Azure Bot with its Microsoft Teams and Direct Line channels, messaging endpoint
//   https://<app>/api/messages.
//
//   az deployment group create -g <group> -f deploy/azure/main.bicep \
//     -p @deploy/azure/main.parameters.json \
//     -p tokenSecret="$(openssl rand -hex 32)" postgresAdminPassword="$(openssl rand -hex 24)"
//
// The deploying account needs Owner (or Contributor plus User Access Administrator) on the group:
// the template grants the identity a role on the vault. See deploy/README.md.

targetScope = 'resourceGroup'

@description('Region for everything but the bot, which is global.')
param location string = resourceGroup().location

@description('Lowercase letters, digits and hyphens that start every resource name.')
@minLength(2)
@maxLength(12)
param namePrefix string = 'doorway'

@description('The image built from deploy/docker/Dockerfile, e.g. myregistry.azurecr.io/doorway:0.1.0.')
param image string

@description('Name of an Azure Container Registry in this resource group holding the image; the identity is granted AcrPull there. Empty for a public image.')
param acrName string = ''

@description('How the bot proves who it is: a user-assigned managed identity (no secret to rotate) or a single-tenant app registration with a client secret.')
@allowed([
  'UserAssignedMSI'
  'SingleTenant'
])
param botAppType string = 'UserAssignedMSI'

@description('SingleTenant only: the app (client) id of the Entra app registration.')
param botAppId string = ''

@description('SingleTenant only: a client secret of that app registration.')
@secure()
param botClientSecret string = ''

@description('Entra tenant of the bot and of the staff who use the Teams tab.')
param tenantId string = subscription().tenantId

@description('Name of the bot in Teams and in the portal.')
param botDisplayName string = 'Doorway'

@description('Azure Bot pricing tier.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('Signs web chat tokens and eco-map links (TOKEN_SECRET): 32 or more random characters.')
@secure()
@minLength(32)
param tokenSecret string

@description('Public host name if you bind a custom domain to the app; empty uses the app\'s own *.azurecontainerapps.io name.')
param publicHostName string = ''

@description('Path of the agency file inside the image (AGENCY_CONFIG); the image holds the demo agency.')
param agencyConfig string = '/app/deploy/agency/demo.yaml'

@description('LOG_LEVEL of the server.')
@allowed([
  'fatal'
  'error'
  'warn'
  'info'
  'debug'
  'trace'
  'silent'
])
param logLevel string = 'info'

@description('Optional: the Teams tab\'s SSO audience, api://<host>/<app id> of an app registration; empty leaves the tab API closed.')
param tabSsoAudience string = ''

@description('Optional: name of a secret in this template\'s Key Vault holding the Azure Direct Line channel\'s secret (add it after the first deployment); empty keeps the built-in Direct Line.')
param directLineSecretName string = ''

@description('vCPUs per replica; Consumption pairs CPU and memory (0.5 with 1Gi, 1.0 with 2Gi, ...).')
param containerCpu string = '0.5'

@description('Memory per replica, paired with containerCpu.')
param containerMemory string = '1Gi'

@description('Replicas that always run; at least 1, so the bot answers without a cold start.')
@minValue(1)
@maxValue(10)
param minReplicas int = 1

@description('Most replicas under load. Each opens up to 10 database connections: keep maxReplicas x 10 below the server\'s max_connections.')
@minValue(1)
@maxValue(30)
param maxReplicas int = 3

@description('PostgreSQL administrator login; Doorway connects with it.')
param postgresAdminLogin string = 'doorway'

@description('PostgreSQL administrator password.')
@secure()
@minLength(12)
param postgresAdminPassword string

@description('Flexible Server compute size.')
param postgresSkuName string = 'Standard_B1ms'

@description('Flexible Server tier of that size.')
@allowed([
  'Burstable'
  'GeneralPurpose'
  'MemoryOptimized'
])
param postgresSkuTier string = 'Burstable'

@description('Storage in GiB.')
@allowed([
  32
  64
  128
  256
  512
])
param postgresStorageSizeGB int = 32

@description('Days of automatic backups kept for point-in-time restore.')
@minValue(7)
@maxValue(35)
param postgresBackupRetentionDays int = 14

var suffix = uniqueString(resourceGroup().id, namePrefix)
var isManagedIdentity = botAppType == 'UserAssignedMSI'
var appName = '${namePrefix}-app'
var databaseName = 'doorway'
var port = 3978
// Built-in roles: "Key Vault Secrets User" reads secret values, "AcrPull" pulls images.
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'
var acrPullRoleId = '7f951dda-4ed3-4680-a7ca-43fe172d538d'
var registryServer = empty(acrName) ? '' : '${acrName}${environment().suffixes.acrLoginServer}'

resource logs 'Microsoft.OperationalInsights/workspaces@2022-10-01' = {
  name: '${namePrefix}-logs-${suffix}'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

// One identity reads the vault, pulls the image and, with UserAssignedMSI, is the bot itself.
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${namePrefix}-id-${suffix}'
  location: location
}

var botClientId = isManagedIdentity ? identity.properties.clientId : botAppId

// On the resource group, so the registry needs no `existing` reference; it covers every registry
// in the group.
resource acrPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(acrName)) {
  name: guid(resourceGroup().id, identity.id, acrPullRoleId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', acrPullRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: '${namePrefix}-pg-${suffix}'
  location: location
  sku: {
    name: postgresSkuName
    tier: postgresSkuTier
  }
  properties: {
    version: '16'
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    storage: {
      storageSizeGB: postgresStorageSizeGB
    }
    backup: {
      backupRetentionDays: postgresBackupRetentionDays
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: {
      mode: 'Disabled'
    }
    authConfig: {
      activeDirectoryAuth: 'Disabled'
      passwordAuth: 'Enabled'
    }
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: postgres
  name: databaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

// 0.0.0.0 to 0.0.0.0 is Azure's rule for "Allow public access from Azure services": the app's
// outbound addresses are not fixed on the Consumption plan. It admits any Azure customer's
// services (still needing the password); use VNet integration for a private server.
resource allowAzureServices 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = {
  parent: postgres
  name: 'AllowAllAzureServicesAndResourcesWithinAzureIps'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
  // The server applies one change at a time.
  dependsOn: [
    database
  ]
}

// ---------------------------------------------------------------------------------------------
// Key Vault

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv${suffix}'
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    publicNetworkAccess: 'Enabled'
  }
}

resource tokenSecretKv 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'token-secret'
  properties: {
    value: tokenSecret
  }
}

// verify-full: node-postgres checks the server's certificate against Node's own CA list, which
// has the roots Azure's servers chain to.
resource databaseUrlKv 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'database-url'
  properties: {
    value: 'postgresql://${postgresAdminLogin}:${uriComponent(postgresAdminPassword)}@${postgres.properties.fullyQualifiedDomainName}:5432/${databaseName}?sslmode=verify-full'
  }
}

resource clientSecretKv 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!isManagedIdentity) {
  parent: vault
  name: 'client-secret'
  properties: {
    value: botClientSecret
  }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, keyVaultSecretsUserRoleId)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// ---------------------------------------------------------------------------------------------
// Container Apps

resource appEnvironment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: '${namePrefix}-env'
  location: location
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: logs.properties.customerId
        sharedKey: logs.listKeys().primarySharedKey
      }
    }
    workloadProfiles: [
      {
        name: 'Consumption'
        workloadProfileType: 'Consumption'
      }
    ]
  }
}

// The app's own name is <app>.<environment's default domain>, known before the app exists.
var publicHost = empty(publicHostName) ? '${appName}.${appEnvironment.properties.defaultDomain}' : publicHostName
var publicUrl = 'https://${publicHost}'
var vaultSecretsUrl = '${vault.properties.vaultUri}secrets/'

// Key Vault references: the app fetches each value with the identity. The URLs name no version,
// so after a new secret version a revision restart is enough; no redeployment.
var secrets = concat(
  [
    { name: 'token-secret', keyVaultUrl: tokenSecretKv.properties.secretUri, identity: identity.id }
    { name: 'database-url', keyVaultUrl: databaseUrlKv.properties.secretUri, identity: identity.id }
  ],
  isManagedIdentity ? [] : [
    { name: 'client-secret', keyVaultUrl: '${vaultSecretsUrl}client-secret', identity: identity.id }
  ],
  empty(directLineSecretName) ? [] : [
    { name: 'directline-secret', keyVaultUrl: '${vaultSecretsUrl}${directLineSecretName}', identity: identity.id }
  ]
)

// Doorway's environment (.env.example describes each variable). With UserAssignedMSI there is
// no clientSecret: the Agents SDK then gets its tokens from the managed identity named by clientId.
var environmentVariables = concat(
  [
    { name: 'PORT', value: string(port) }
    { name: 'LOG_LEVEL', value: logLevel }
    { name: 'PUBLIC_URL', value: publicUrl }
    { name: 'AGENCY_CONFIG', value: agencyConfig }
    { name: 'TRUST_PROXY', value: '1' }
    { name: 'DATABASE_URL', secretRef: 'database-url' }
    { name: 'TOKEN_SECRET', secretRef: 'token-secret' }
    { name: 'clientId', value: botClientId }
    { name: 'tenantId', value: tenantId }
  ],
  isManagedIdentity ? [] : [
    { name: 'clientSecret', secretRef: 'client-secret' }
  ],
  empty(tabSsoAudience) ? [] : [
    { name: 'TAB_SSO_AUDIENCE', value: tabSsoAudience }
  ],
  empty(directLineSecretName) ? [] : [
    { name: 'DIRECTLINE_SECRET', secretRef: 'directline-secret' }
  ]
)

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: appName
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  // The identity must be able to read the vault (and pull the image) before the first revision
  // starts.
  dependsOn: [
    secretsUser
    acrPull
    clientSecretKv
    database
    allowAzureServices
  ]
  properties: {
    managedEnvironmentId: appEnvironment.id
    workloadProfileName: 'Consumption'
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: port
        // HTTP/1.1 and HTTP/2; WebSocket upgrades (Direct Line streams) pass through.
        transport: 'auto'
        allowInsecure: false
        traffic: [
          {
            latestRevision: true
            weight: 100
          }
        ]
      }
      secrets: secrets
      registries: empty(registryServer) ? [] : [
        {
          server: registryServer
          identity: identity.id
        }
      ]
    }
    template: {
      containers: [
        {
          name: 'doorway'
          image: image
          resources: {
            cpu: json(containerCpu)
            memory: containerMemory
          }
          env: environmentVariables
          probes: [
            {
              // Migrations and the main language model run before the server listens.
              type: 'Startup'
              httpGet: {
                path: '/healthz'
                port: port
              }
              initialDelaySeconds: 10
              periodSeconds: 10
              failureThreshold: 10
            }
            {
              type: 'Readiness'
              httpGet: {
                path: '/readyz'
                port: port
              }
              periodSeconds: 5
              timeoutSeconds: 3
              failureThreshold: 2
            }
            {
              type: 'Liveness'
              httpGet: {
                path: '/healthz'
                port: port
              }
              periodSeconds: 20
              timeoutSeconds: 5
              failureThreshold: 3
            }
          ]
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
        rules: [
          {
            name: 'cpu'
            custom: {
              type: 'cpu'
              metadata: {
                type: 'Utilization'
                value: '70'
              }
            }
          }
        ]
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Azure Bot

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${namePrefix}-bot-${suffix}'
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: '${publicUrl}/api/messages'
    msaAppType: botAppType
    msaAppId: botClientId
    msaAppTenantId: tenantId
    msaAppMSIResourceId: isManagedIdentity ? identity.id : null
    publicNetworkAccess: 'Enabled'
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      enableCalling: false
    }
  }
}

// Only used when DIRECTLINE_SECRET is set (directLineSecretName); Doorway serves its own
// Direct Line 3.0 otherwise.
resource directLineChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'DirectLineChannel'
  location: 'global'
  properties: {
    channelName: 'DirectLineChannel'
    properties: {
      sites: [
        {
          siteName: 'Doorway web chat'
          isEnabled: true
          isV1Enabled: false
          isV3Enabled: true
          isSecureSiteEnabled: false
        }
      ]
    }
  }
  // The bot applies one channel change at a time.
  dependsOn: [
    teamsChannel
  ]
}

output publicUrl string = publicUrl
output messagingEndpoint string = bot.properties.endpoint
output botName string = bot.name
output botAppId string = botClientId
output managedIdentityClientId string = identity.properties.clientId
output keyVaultName string = vault.name
output postgresHost string = postgres.properties.fullyQualifiedDomainName
output containerAppName string = app.name
