{{ config(materialized='view') }}

{#- The events analysts count: asserted (not hedged, negated or future) events, one row per
    real-world event. Deleted events stay visible with is_deleted so that copies can sync. -#}

with events as (
    select * from {{ ref('fct_events_all') }}
),

final as (
    select * from events
    where modality = 'asserted'
)

select * from final
