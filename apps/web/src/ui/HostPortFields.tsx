import { useTranslation } from 'react-i18next';

interface HostPortFieldsProps {
  host: string;
  port: string;
  onHost: (host: string) => void;
  onPort: (port: string) => void;
  /** Test ids are `${testId}-host` and `${testId}-port`. */
  testId: string;
  /** A <datalist> id with suggested hosts. */
  hostList?: string;
  portPlaceholder?: string;
}

/**
 * The host and port inputs every server and client form has, as two fields of the caller's row.
 * Both are plain text: the lab validates them and says what is wrong (a port typed as "abc" must
 * not silently become something else).
 */
export function HostPortFields({ host, port, onHost, onPort, testId, hostList, portPlaceholder }: HostPortFieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      <label className="field">
        <span className="field-label">{t('client.host')}</span>
        <input className="mono" data-testid={`${testId}-host`} list={hostList} value={host} maxLength={253} spellCheck={false} autoComplete="off" onChange={(e) => onHost(e.target.value)} />
      </label>
      <label className="field">
        <span className="field-label">{t('client.port')}</span>
        <input className="mono" data-testid={`${testId}-port`} inputMode="numeric" value={port} placeholder={portPlaceholder} spellCheck={false} autoComplete="off" onChange={(e) => onPort(e.target.value)} />
      </label>
    </>
  );
}
