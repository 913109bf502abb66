// The login through the real @azure/identity where no exchange is needed: failures before the
// exchange and the authority host. Exchanges against the Entra ID stand-in are in cloud.test.ts.
import { describe, expect, test } from 'vitest';
import { ConfigurationError } from '../../src/errors.ts';
import {
  authorityHostOf,
  azureCredential,
  isMicrosoftAuthorityHost,
} from '../../src/azure/login.ts';
import { RecordingLogger } from '../helpers/recording-logger.ts';

const IDS = {
  tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  clientId: '80faf920-1908-4b52-b5ef-a8e7bedfc67a',
};
describe('azureCredential', () => {
  test('no ACTIONS_ID_TOKEN_REQUEST_URL: ConfigurationError about id-token: write and forks', async () => {
    const credential = await azureCredential({
      ...IDS,
      getIdToken: () =>
        Promise.reject(
          new Error('Error message: Unable to get ACTIONS_ID_TOKEN_REQUEST_URL env variable'),
        ),
      logger: new RecordingLogger(),
      setSecret: () => undefined,
    });
    const error = await credential
      .getToken('https://management.azure.com/.default')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toContain('permissions: id-token: write');
    expect((error as Error).message).toContain('fork');
  });

  test('an unreadable AZURE_FEDERATED_TOKEN_FILE is a ConfigurationError', async () => {
    const credential = await azureCredential({
      ...IDS,
      federatedTokenFile: '/nonexistent/token',
      getIdToken: () => Promise.reject(new Error('must not be called')),
      logger: new RecordingLogger(),
      setSecret: () => undefined,
    });
    await expect(credential.getToken('x/.default')).rejects.toThrow(
      /AZURE_FEDERATED_TOKEN_FILE is \/nonexistent\/token, which cannot be read: ENOENT/,
    );
  });

  test.each([
    { tenantId: '', clientId: 'c', error: /'azure-tenant-id': required/ },
    { tenantId: 't', clientId: '', error: /'azure-client-id': required/ },
    { tenantId: '', clientId: '', error: /'azure-tenant-id' and 'azure-client-id'/ },
  ])('missing ids: $error', async ({ tenantId, clientId, error }) => {
    const options = {
      tenantId,
      clientId,
      getIdToken: () => Promise.resolve(''),
      logger: new RecordingLogger(),
      setSecret: () => undefined,
    };
    await expect(azureCredential(options)).rejects.toThrow(error);
  });
});

describe('authority host', () => {
  test.each([
    [undefined, 'https://login.microsoftonline.com', true],
    ['https://login.microsoftonline.us/', 'https://login.microsoftonline.us', true],
    ['https://login.chinacloudapi.cn', 'https://login.chinacloudapi.cn', true],
    ['https://127.0.0.1:8443', 'https://127.0.0.1:8443', false],
    ['https://adfs.contoso.example', 'https://adfs.contoso.example', false],
  ])('%s', (input, origin, discovery) => {
    expect(authorityHostOf(input)).toBe(origin);
    expect(isMicrosoftAuthorityHost(authorityHostOf(input))).toBe(discovery);
  });

  test.each([
    'login.microsoftonline.com',
    'http://127.0.0.1:8443',
    'https://login.microsoftonline.com/tenant',
  ])('rejects %s', (input) => {
    expect(() => authorityHostOf(input)).toThrow(/input 'azure-authority-host'/);
  });
});
