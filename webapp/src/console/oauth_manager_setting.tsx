// The custom System Console setting that renders the OAuth app manager.
import React, {useEffect} from 'react';
import {useDispatch, useSelector} from 'react-redux';

import AppsTable from './apps_table';
import StatusPanel from './status_panel';

import {describeError} from '../store/messages';
import {selectApps, selectListing, selectMetadata, selectRequest} from '../store/selectors';
import type {GlobalStateWithPlugin} from '../store/selectors';
import {fetchAllApps, fetchMetadata} from '../store/slice';
import type {HostDispatch} from '../types/host';

export default function OAuthManagerSetting() {
    const dispatch = useDispatch<HostDispatch>();
    const apps = useSelector(selectApps);
    const listing = useSelector(selectListing);
    const metadata = useSelector(selectMetadata);
    const metadataRequest = useSelector((s: GlobalStateWithPlugin) => selectRequest(s, 'fetchMetadata'));
    const appsRequest = useSelector((s: GlobalStateWithPlugin) => selectRequest(s, 'fetchAllApps'));

    useEffect(() => {
        dispatch(fetchMetadata());
        dispatch(fetchAllApps());
    }, [dispatch]);

    return (
        <div style={{color: 'var(--center-channel-color)'}}>
            <StatusPanel
                metadata={metadata}
                request={metadataRequest}
            />
            <section aria-label='OAuth apps list'>
                <h4>{'OAuth 2.0 applications'}</h4>
                {appsRequest.status === 'pending' && <div aria-busy='true'>{'Loading apps…'}</div>}
                {appsRequest.status === 'failed' && appsRequest.error && (
                    <div role='alert'>{describeError(appsRequest.error, 'list the OAuth apps')}</div>
                )}
                {appsRequest.status === 'succeeded' && !listing.complete && (
                    <div role='status'>{'Apps kept changing while the list was read; it may be incomplete. Reload to try again.'}</div>
                )}
                {appsRequest.status === 'succeeded' && <AppsTable apps={apps}/>}
            </section>
        </div>
    );
}
