{#- A place name as analysts type it: the conventional English spelling from the
    place_names_conventional seed when it has one (joined by the caller as `seed_alias`), else
    GeoNames' transliteration without diacritics or ayn/hamza marks ("Ma’rib" -> "Marib"). -#}
{% macro conventional_name(name_col, seed_alias) -%}
    coalesce(
        {{ seed_alias }}.conventional_name,
        nullif(trim(regexp_replace(strip_accents({{ name_col }}), '[‘’ʻʼʽʿʾ`´'']', '', 'g')), '')
    )
{%- endmacro %}
